package kz.ashyq.web;

import kz.ashyq.config.BaseIri;
import kz.ashyq.web.conneg.Format;

/**
 * The URI scheme, in one place: things at {@code id/{kind}/{key}}, their documents at
 * {@code doc/{kind}/{key}}, both under the base IRI; request paths map onto the base, so the
 * same store answers on localhost and behind a production host name.
 */
final class Paths {

    private final BaseIri base;

    Paths(BaseIri base) {
        this.base = base;
    }

    BaseIri base() {
        return base;
    }

    /** The IRI of the thing whose document is at {@code doc/{rest}}. */
    String thing(String rest) {
        return base.value() + "id/" + rest;
    }

    /** The local path of the document about a thing under {@code id/}, or null for other IRIs. */
    String docPath(String iri) {
        String prefix = base.value() + "id/";
        return iri.startsWith(prefix) ? "/doc/" + iri.substring(prefix.length()) : null;
    }

    /**
     * Where a link to an IRI should go: a local path for our IRIs and for the terms of Ashyq's
     * vocabulary (its page, at the term), else the IRI itself.
     */
    String href(String iri) {
        if (iri.startsWith(base.value())) {
            return "/" + iri.substring(base.value().length());
        }
        if (iri.startsWith(VocabRoutes.NS)) {
            return "/vocab#" + iri.substring(VocabRoutes.NS.length());
        }
        return iri;
    }

    /** The link to a document in a given format. */
    static String withFormat(String docPath, Format f) {
        return docPath + "?format=" + f.key();
    }
}
