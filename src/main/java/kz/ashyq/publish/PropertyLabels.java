package kz.ashyq.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.ashyq.config.BaseIri;
import kz.ashyq.mapping.DatasetInfo;
import kz.ashyq.mapping.Mapping;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDFS;

/**
 * The labels of a dataset's own properties ({@code id/{dataset}/property/…}, the namespace a draft
 * gives the columns no standard term fits): each such property that one column makes is labelled
 * with that column's labels ({@code columns:} of the dataset block, or the portal's), so that the
 * property's IRI resolves to a page that says what it is. Properties of shared vocabularies are
 * left alone: their labels are the vocabulary's.
 */
final class PropertyLabels {

    private PropertyLabels() {}

    static List<Triple> of(Mapping mapping, DatasetInfo info, BaseIri base) {
        if (info.portal() == null || info.portal().fields().isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, String>> byColumn = new java.util.HashMap<>();
        for (DatasetInfo.Field f : info.portal().fields()) {
            byColumn.put(f.name(), f.labels());
        }
        String own = base.thing(info.id() + "/property/");
        List<Triple> out = new ArrayList<>();
        for (String p : mapping.constantPredicates()) {
            String iri = p.indexOf(':') > 0 ? p : base.value() + p;
            List<String> columns = mapping.columnsOf(p);
            if (iri.startsWith(own) && columns.size() == 1 && byColumn.containsKey(columns.get(0))) {
                byColumn.get(columns.get(0)).forEach((lang, label) -> out.add(Triple.create(NodeFactory.createURI(iri),
                        RDFS.label.asNode(), NodeFactory.createLiteralLang(label, lang))));
            }
        }
        return out;
    }
}
