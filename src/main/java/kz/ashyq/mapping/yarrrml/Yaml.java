package kz.ashyq.mapping.yarrrml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.MappingException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** A YAML node with its line, and accessors that fail with the mapping file and line. */
record Yaml(Node node, Path file) {

    Location where() {
        return new Location(file, node.getStartMark().map(m -> m.getLine() + 1).orElse(0));
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    String text() {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new MappingException(where(), "expected a single value here");
    }

    List<Yaml> list() {
        if (node instanceof SequenceNode s) {
            List<Yaml> out = new ArrayList<>();
            for (Node n : s.getValue()) {
                out.add(new Yaml(n, file));
            }
            return out;
        }
        throw new MappingException(where(), "expected a list here");
    }

    /** A scalar or a list, as a list. */
    List<Yaml> listOrOne() {
        return isList() ? list() : List.of(this);
    }

    Map<String, Yaml> map() {
        if (node instanceof MappingNode m) {
            Map<String, Yaml> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Yaml key = new Yaml(t.getKeyNode(), file);
                out.put(key.text(), new Yaml(t.getValueNode(), file));
            }
            return out;
        }
        throw new MappingException(where(), "expected keys and values here");
    }

    /** The child under one of the keys (YARRRML allows short and long names), or null. */
    static Yaml first(Map<String, Yaml> map, String... keys) {
        for (String k : keys) {
            Yaml v = map.get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Text by language, from either a single string (no language) or a map of tags. */
    Map<String, String> languageMap() {
        Map<String, String> out = new LinkedHashMap<>();
        if (isScalar()) {
            out.put("", text());
        } else {
            map().forEach((lang, v) -> out.put(lang, v.text()));
        }
        return out;
    }
}
