package kz.ashyq.publish;

import java.util.List;

/** The mapped data violates its mapping's SHACL shapes: the load stops and the previous release stays. */
public final class ShapeViolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How many violations are listed one by one. */
    static final int SHOWN = 20;

    ShapeViolationException(String mapping, List<String> shapes, List<?> violations) {
        super(message(mapping, shapes, violations));
    }

    private static String message(String mapping, List<String> shapes, List<?> violations) {
        StringBuilder sb = new StringBuilder(mapping + ": " + violations.size() + " violation"
                + (violations.size() == 1 ? "" : "s") + " of " + String.join(", ", shapes)
                + " (ashyq load --warn-shapes loads anyway):");
        violations.stream().limit(SHOWN).forEach(v -> sb.append("\n    ").append(v));
        if (violations.size() > SHOWN) {
            sb.append("\n    ... and ").append(violations.size() - SHOWN).append(" more");
        }
        return sb.toString();
    }
}
