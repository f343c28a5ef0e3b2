package kz.ashyq.web;

import io.javalin.http.Context;

/**
 * The one place that says what a response varies on, so that a shared cache keeps the variants
 * apart: the format, chosen from {@code Accept}; and for pages, the language, chosen from
 * {@code ?lang=} (in the URL, so no header), the {@code lang} cookie and {@code Accept-Language}.
 */
public final class Vary {

    /** A resource in several formats that does not depend on the reader's language. */
    public static final String FORMAT = "Accept";
    /** A resource with a page in the reader's language among its formats. */
    public static final String FORMAT_AND_LANGUAGE = "Accept, Accept-Language, Cookie";

    private Vary() {}

    /** The response varies with the format only. */
    static void format(Context ctx) {
        ctx.header("Vary", FORMAT);
    }

    /** The response varies with the format and, for its page, the reader's language. */
    static void formatAndLanguage(Context ctx) {
        ctx.header("Vary", FORMAT_AND_LANGUAGE);
    }
}
