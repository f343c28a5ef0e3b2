package kz.ashyq.mapping.rml;

import java.util.ArrayList;
import java.util.List;
import kz.ashyq.mapping.Expr;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.MappingException;

/** Parses R2RML/RML string templates: {@code http://ex.org/{ID}/{Name}}, with {@code \{ \} \\} escapes. */
final class RmlTemplates {

    private RmlTemplates() {}

    static Expr parse(String text, Location where) {
        List<Expr.Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "{}\\".indexOf(text.charAt(i + 1)) >= 0) {
                lit.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '{') {
                StringBuilder name = new StringBuilder();
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '}') {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        j++;
                    }
                    name.append(text.charAt(j++));
                }
                if (j >= text.length()) {
                    throw new MappingException(where, "unclosed '{' in template '" + text + "'");
                }
                if (name.length() == 0) {
                    throw new MappingException(where, "empty reference '{}' in template '" + text + "'");
                }
                if (lit.length() > 0) {
                    parts.add(Expr.Part.text(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(Expr.Part.column(name.toString()));
                i = j + 1;
            } else if (c == '}') {
                throw new MappingException(where, "unopened '}' in template '" + text + "'");
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
        if (parts.size() == 1 && parts.get(0).text() != null) {
            return new Expr.Constant(parts.get(0).text());
        }
        return new Expr.Template(parts);
    }
}
