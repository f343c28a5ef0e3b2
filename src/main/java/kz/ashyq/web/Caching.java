package kz.ashyq.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Conditional requests and public caching. Every page and document changes only when the store
 * is written, so the store's last commit is the Last-Modified of all of them, and the ETag is
 * that instant with the representation (format, language) that was chosen.
 */
final class Caching {

    /** How long public caches may keep an answer without asking again. */
    static final int MAX_AGE_SECONDS = 300;

    private Caching() {}

    /**
     * Sets the validators and {@code Cache-Control}; when the client's copy is current, answers 304
     * and returns true.
     */
    static boolean notModified(Context ctx, Instant modified, String variant) {
        Instant seconds = modified.truncatedTo(ChronoUnit.SECONDS);
        String etag = "\"" + Long.toHexString(modified.toEpochMilli()) + "-" + variant + "\"";
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(seconds.atZone(ZoneOffset.UTC)));
        ctx.header("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS);
        String inm = ctx.header("If-None-Match");
        boolean current;
        if (inm != null) {
            current = matches(inm, etag);
        } else {
            current = notModifiedSince(ctx.header("If-Modified-Since"), seconds);
        }
        if (current) {
            ctx.status(304);
            ctx.result("");
        }
        return current;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean notModifiedSince(String header, Instant modified) {
        if (header == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !modified.isAfter(since);
        } catch (DateTimeParseException e) {
            return false; // an unreadable date is ignored, as RFC 9110 says
        }
    }
}
