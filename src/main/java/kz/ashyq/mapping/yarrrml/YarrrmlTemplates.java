package kz.ashyq.mapping.yarrrml;

import java.util.ArrayList;
import java.util.List;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.MappingException;

/** Parses YARRRML strings with {@code $(column)} references into expressions. */
final class YarrrmlTemplates {

    private YarrrmlTemplates() {}

    /**
     * A constant when there is no reference, a column when the string is one reference, else a
     * template. A backslash escapes {@code $}, {@code (}, {@code )} and itself; other backslashes
     * stay, so that regular expressions keep their {@code \d}.
     */
    static Expr parse(String text, Location where) {
        List<Expr.Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "$()\\".indexOf(text.charAt(i + 1)) >= 0) {
                lit.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                int end = findClose(text, i + 2);
                if (end < 0) {
                    throw new MappingException(where, "unclosed '$(' in '" + text + "'");
                }
                String column = text.substring(i + 2, end);
                if (column.isBlank()) {
                    throw new MappingException(where, "empty reference '$()' in '" + text + "'");
                }
                if (lit.length() > 0) {
                    parts.add(Expr.Part.text(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(Expr.Part.column(column));
                i = end + 1;
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0) {
            parts.add(Expr.Part.text(lit.toString()));
        }
        if (parts.isEmpty()) {
            return new Expr.Constant("");
        }
        if (parts.size() == 1) {
            Expr.Part only = parts.get(0);
            return only.column() != null ? only.column() : new Expr.Constant(only.text());
        }
        return new Expr.Template(parts);
    }

    // Column names may hold balanced parentheses: "number_of_transported_passengers_(mln._pax)".
    private static int findClose(String text, int from) {
        int depth = 0;
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return j;
                }
                depth--;
            }
        }
        return -1;
    }
}
