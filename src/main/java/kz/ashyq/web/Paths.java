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
        return base.thing(rest);
    }

    /** The local path of the document about a thing under {@code id/}, or null for other IRIs. */
    String docPath(String iri) {
        String prefix = base.things();
        return iri.startsWith(prefix) ? "/doc/" + iri.substring(prefix.length()) : null;
    }

    /**
     * Where a link to an IRI should go: a local path for our IRIs and for the terms of Ashyq's
     * vocabulary (its page, at the term), the IRI itself when it is a web or mail address, and
     * null for every other scheme: a {@code javascript:} or {@code data:} IRI made from a CSV cell
     * would run when clicked, so pages show such IRIs as text.
     */
    String href(String iri) {
        if (iri == null) {
            return null;
        }
        if (iri.startsWith(base.value())) {
            return "/" + iri.substring(base.value().length());
        }
        if (iri.startsWith(VocabRoutes.NS)) {
            return "/vocab#" + iri.substring(VocabRoutes.NS.length());
        }
        return linkable(iri) ? iri : null;
    }

    /** Whether a page may link an IRI as it is: {@code http}, {@code https} and {@code mailto} only. */
    static boolean linkable(String iri) {
        int colon = iri.indexOf(':');
        String scheme = colon < 0 ? "" : iri.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") || scheme.equals("mailto");
    }

    /** The link to a document in a given format. */
    static String withFormat(String docPath, Format f) {
        return docPath + "?format=" + f.key();
    }
}
