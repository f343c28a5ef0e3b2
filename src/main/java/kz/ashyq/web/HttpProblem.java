package kz.ashyq.web;

import java.util.List;

/**
 * An answer other than success, mapped by {@link ErrorMapper} to {@code application/problem+json}
 * or an HTML page (RFC 9457).
 */
public final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final transient List<String> offered;

    /** A problem with a status, a short title and a detail for the reader. */
    public HttpProblem(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    /** A 406 with the media types that are offered. */
    public HttpProblem(int status, String title, String detail, List<String> offered) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.offered = List.copyOf(offered);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The short title. */
    public String title() {
        return title;
    }

    /** For a 406, the media types offered. */
    public List<String> offered() {
        return offered;
    }

    /** 404 for a resource the store does not describe. */
    public static HttpProblem notFound(String what) {
        return new HttpProblem(404, "Not Found", what + " is not known here");
    }
}
