package kz.ashyq.store;

import org.apache.jena.riot.system.StreamRDF;

/** Streams triples into a graph; quads keep their own graph. */
@FunctionalInterface
public interface GraphWriter {
    /** Writes the new content. */
    void writeTo(StreamRDF out);
}
