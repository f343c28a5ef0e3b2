package kz.ashyq.web;

import java.util.List;

/** The records that templates render; every string in them is escaped by the template engine. */
final class Views {

    private Views() {}

    /** A link to a resource: where it goes, what it is called, its full IRI. */
    record Link(String href, String label, String iri) {}

    /** A value of a property: a literal (text, language, datatype) or a link. */
    record Value(String text, String lang, String datatype, Link link) {}

    /** The values of one predicate, and how many there are in all. */
    record Group(Link predicate, List<Value> values, long total, String moreHref) {}

    /** A format link. */
    record Alternate(String key, String mediaType, String href) {}

    /**
     * An entity page. {@code points} and {@code series} are JSON for the map and the chart, null
     * when there is nothing to draw.
     */
    record EntityPage(String iri, String label, List<Link> types, List<Group> properties, List<Group> incoming,
            String docPath, String jsonLd, String points, String series) {

        EntityPage withFigures(String points, String series) {
            return new EntityPage(iri, label, types, properties, incoming, docPath, jsonLd, points, series);
        }
    }

    /**
     * A dataset an agency publishes, on the agency's page, with what it links to.
     *
     * @param dataset the dataset
     * @param linksTo the datasets it links to, each labelled with its title and the count of links
     */
    record Published(Link dataset, List<Partition> linksTo) {}

    /** A line of the home page. */
    record DatasetLine(String id, String href, String title, String publisher, long triples, long entities,
            String modified, String publisherIri, java.util.List<String> themes) {}

    /**
     * A way to narrow the list of datasets: an agency or a theme, with how many datasets it has.
     *
     * @param key what {@code ?agency=} or {@code ?theme=} takes
     * @param label its name
     * @param count its datasets
     * @param selected whether the list is narrowed to it now
     */
    record Facet(String key, String label, long count, boolean selected) {}

    /** A class or property partition: the term and its count. */
    record Partition(Link term, long count) {}

    /** A dataset page. */
    record DatasetPage(String id, String iri, String title, String description, String publisher,
            Link license, String issued, String modified, long triples, long entities, List<Partition> classes,
            List<Partition> properties, List<Alternate> dumps, List<String> unmatched, List<Link> samples,
            Link source, String points, List<Example> examples, List<Partition> mostLinked,
            List<ReleaseRoutes.Line> releases) {}

    /** A query people can run from a page: its title, its text and a link that opens it in YASGUI. */
    record Example(String title, String text, String href) {}
}
