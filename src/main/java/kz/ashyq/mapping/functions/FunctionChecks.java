package kz.ashyq.mapping.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.MappingException;

/**
 * What can be known of a function call when its mapping is compiled, from its constant
 * arguments: a regular expression that does not compile, a lookup table without the columns
 * named. Each is one error with the mapping's line, where at run time it was a problem on
 * every row, blamed on a data column.
 */
public final class FunctionChecks {

    private FunctionChecks() {}

    public static void check(String function, Expr.Call call, FunctionContext functions, Location where) {
        Map<String, String> constants = new HashMap<>();
        for (Expr.Arg a : call.args()) {
            if (a.value() instanceof Expr.Constant c) {
                constants.put(a.parameter(), c.value());
            }
        }
        String source = constants.get("source");
        switch (function) {
            case "replace", "extract" -> regex(constants.get("pattern"), where);
            case "lookup" -> {
                if (source != null && constants.containsKey("key") && constants.containsKey("return")) {
                    List<String> columns = new ArrayList<>(List.of(constants.get("key"), constants.get("return")));
                    for (List<String> set : Functions.conditions(constants.get("where"))) {
                        for (String condition : set) {
                            String[] kv = condition.split(condition.contains("^=") ? "\\^=" : "=", 2);
                            if (kv.length != 2 || kv[0].isBlank()) {
                                throw new MappingException(where, "condition '" + condition
                                        + "' is not column=value or column^=prefix");
                            }
                            columns.add(kv[0].strip());
                        }
                    }
                    functions.checkColumns(source, columns, where);
                }
            }
            case "placeMatch" -> {
                if (source != null) {
                    functions.checkColumns(source, List.of("kato", "level", "name_ru", "name_kk"), where);
                }
            }
            case "katoParent" -> {
                if (source != null && constants.containsKey("column")) {
                    functions.checkColumns(source, List.of(constants.get("column")), where);
                }
            }
            default -> {
                // nothing to know before the rows
            }
        }
    }

    private static void regex(String pattern, Location where) {
        if (pattern == null) {
            return;
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new MappingException(where, "bad regular expression '" + pattern + "': " + e.getDescription()
                    + " at index " + e.getIndex());
        }
    }
}
