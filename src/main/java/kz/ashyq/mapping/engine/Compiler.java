package kz.ashyq.mapping.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.ashyq.mapping.CellProblem;
import kz.ashyq.mapping.DataException;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.MappingException;
import kz.ashyq.mapping.RowSource;
import kz.ashyq.mapping.Suggest;
import kz.ashyq.mapping.functions.FunctionChecks;
import kz.ashyq.mapping.functions.FunctionContext;
import kz.ashyq.mapping.functions.FunctionException;
import kz.ashyq.mapping.functions.Functions;
import kz.ashyq.mapping.ntriples.IriSafe;

/**
 * Turns expressions into evaluators bound to one source's header, so that per row there is no
 * name lookup: a column reference becomes an array index, once.
 */
final class Compiler {

    /** Evaluates against a row's cells; null means no value. */
    interface Eval {
        String apply(String[] cells);
    }

    private final LogicalSource source;
    private final RowSource rows;
    private final Set<String> nulls;
    private final FunctionContext functions;

    Compiler(LogicalSource source, RowSource rows, FunctionContext functions) {
        this.source = source;
        this.rows = rows;
        this.nulls = source.dialect().nullValues();
        this.functions = functions;
    }

    LogicalSource source() {
        return source;
    }

    /** The position of a column (or JSON reference) in every row. */
    int column(String name, Location where) {
        return rows.column(name, where);
    }

    /** Compiles an expression; {@code iriSafe} percent-encodes column values inside templates. */
    Eval compile(Expr expr, boolean iriSafe, Location where) {
        if (expr instanceof Expr.Constant c) {
            String v = c.value();
            return cells -> v;
        }
        if (expr instanceof Expr.Column col) {
            return cell(column(col.name(), where));
        }
        if (expr instanceof Expr.Template t) {
            return template(t, iriSafe, where);
        }
        return call((Expr.Call) expr, where);
    }

    private Eval cell(int i) {
        return cells -> value(cells, i);
    }

    /** A row's value in a column: null when the row is too short or the cell is a null value. */
    String value(String[] cells, int i) {
        if (i >= cells.length) {
            return null;
        }
        String v = cells[i];
        // a key missing from a JSON record is a null cell: no value, like an empty one
        return v == null || nulls.contains(v) ? null : v;
    }

    private Eval template(Expr.Template t, boolean iriSafe, Location where) {
        int n = t.parts().size();
        String[] texts = new String[n];
        Eval[] cols = new Eval[n];
        for (int k = 0; k < n; k++) {
            Expr.Part p = t.parts().get(k);
            if (p.column() == null) {
                texts[k] = p.text();
            } else {
                cols[k] = cell(column(p.column().name(), where));
            }
        }
        // one builder per compiled template, reused row after row: each worker thread compiles its
        // own maps, and a template's parts are cells, never another template
        StringBuilder sb = new StringBuilder(64);
        return cells -> {
            sb.setLength(0);
            for (int k = 0; k < n; k++) {
                if (cols[k] == null) {
                    sb.append(texts[k]);
                } else {
                    String v = cols[k].apply(cells);
                    if (v == null) {
                        return null;
                    }
                    if (iriSafe) {
                        IriSafe.append(sb, v);
                    } else {
                        sb.append(v);
                    }
                }
            }
            return sb.toString();
        };
    }

    private Eval call(Expr.Call call, Location where) {
        Functions.Def def = Functions.byIri(call.function());
        if (def == null) {
            throw new MappingException(where, "unknown function '" + call.function() + "'"
                    + Suggest.didYouMean(call.function(), Functions.iris()));
        }
        List<String> names = new ArrayList<>();
        List<Eval> evals = new ArrayList<>();
        for (Expr.Arg a : call.args()) {
            names.add(a.parameter());
            evals.add(compile(a.value(), false, where));
        }
        FunctionChecks.check(def.name(), call, functions, where);
        String firstColumn = firstColumn(call);
        int n = names.size();
        return cells -> {
            Map<String, String> values = new HashMap<>(n * 2);
            for (int k = 0; k < n; k++) {
                String v = evals.get(k).apply(cells);
                if (v == null && def.required().contains(names.get(k))) {
                    return null;
                }
                values.put(names.get(k), v);
            }
            try {
                functions.at(where);
                return def.impl().apply(values::get, functions);
            } catch (FunctionException e) {
                throw new CellProblem(firstColumn, def.name() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                if (e instanceof DataException || e instanceof CellProblem) {
                    throw e;
                }
                throw new CellProblem(firstColumn, def.name() + ": " + e);
            }
        };
    }

    /** The first column an expression reads, to name in errors. */
    static String firstColumn(Expr e) {
        if (e instanceof Expr.Column c) {
            return c.name();
        }
        if (e instanceof Expr.Template t) {
            return t.parts().stream().filter(p -> p.column() != null).map(p -> p.column().name()).findFirst().orElse(null);
        }
        if (e instanceof Expr.Call c) {
            for (Expr.Arg a : c.args()) {
                String col = firstColumn(a.value());
                if (col != null) {
                    return col;
                }
            }
        }
        return null;
    }
}
