package kz.ashyq.server;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body is cut off at a number of bytes while it is read, whatever its headers
 * say: a chunked body has no {@code Content-Length} to check up front, and a 300 MB one once
 * kept the server busy for two minutes. Reading past the cap throws {@link TooLarge}, and
 * {@link #exceeded()} tells the filter to answer 413.
 */
final class BoundedRequest extends HttpServletRequestWrapper {

    /** The body went past the cap. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long cap) {
            super("the request body is larger than " + cap + " bytes");
        }
    }

    private final long cap;
    private ServletInputStream in;
    private BufferedReader reader;
    private volatile boolean exceeded;

    BoundedRequest(HttpServletRequest request, long cap) {
        super(request);
        this.cap = cap;
    }

    /** Whether a read went past the cap. */
    boolean exceeded() {
        return exceeded;
    }

    /**
     * The whole body, read here up to the cap.
     *
     * @throws TooLarge when it is longer
     */
    byte[] readAll() throws IOException {
        byte[] body = getInputStream().readNBytes((int) Math.min(cap + 1, Integer.MAX_VALUE - 8));
        if (body.length > cap) {
            exceeded = true;
            throw new TooLarge(cap);
        }
        return body;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (in == null) {
            ServletInputStream real = super.getInputStream();
            in = new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = real.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = real.read(b, off, (int) Math.min(len, cap + 1 - read));
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws TooLarge {
                    read += n;
                    if (read > cap) {
                        exceeded = true;
                        throw new TooLarge(cap);
                    }
                }

                @Override
                public boolean isFinished() {
                    return real.isFinished();
                }

                @Override
                public boolean isReady() {
                    return real.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    real.setReadListener(listener);
                }
            };
        }
        return in;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (reader == null) {
            String enc = getCharacterEncoding();
            Charset cs = StandardCharsets.UTF_8;
            try {
                cs = enc == null ? cs : Charset.forName(enc);
            } catch (IllegalArgumentException e) {
                // an encoding nobody knows: read as UTF-8, and let the parser say what it finds
            }
            reader = new BufferedReader(new InputStreamReader(getInputStream(), cs));
        }
        return reader;
    }
}
