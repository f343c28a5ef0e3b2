package kz.ashyq.mapping;

import java.util.List;

/**
 * Where a term's lexical form comes from: a constant, a column, a template over columns, or a
 * function applied to such expressions. The same model serves YARRRML and RML.
 */
public sealed interface Expr permits Expr.Constant, Expr.Column, Expr.Template, Expr.Call {

    /** A fixed value. */
    record Constant(String value) implements Expr {}

    /**
     * A column's cell, by header name, or by 1-based position when the source has no header or
     * when the header repeats names.
     */
    record Column(String name) implements Expr {}

    /**
     * A string template: text with column references in between, such as
     * {@code id/kato/$(kato)}.
     */
    record Template(List<Part> parts) implements Expr {
        /** Keeps its own copy. */
        public Template {
            parts = List.copyOf(parts);
        }
    }

    /** One part of a template: fixed text or a column. */
    record Part(String text, Column column) {
        /** Fixed text. */
        public static Part text(String text) {
            return new Part(text, null);
        }

        /** A column. */
        public static Part column(String name) {
            return new Part(null, new Column(name));
        }
    }

    /**
     * A function call: the function's IRI and its arguments by parameter name (local names,
     * such as {@code value} or {@code separator}).
     */
    record Call(String function, List<Arg> args) implements Expr {
        /** Keeps its own copy. */
        public Call {
            args = List.copyOf(args);
        }
    }

    /** One argument of a function call. */
    record Arg(String parameter, Expr value) {}
}
