package kz.ashyq.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what the JDK's client will not send: chunked bodies of a
 * chosen size, and requests from another loopback address (127.0.0.2) than the usual one.
 */
final class RawHttp {

    private RawHttp() {}

    /** The status of a request whose body is sent chunked, {@code total} bytes of {@code fill}, or -1 on no answer. */
    static int chunked(int port, String method, String path, String contentType, String prefix, long total, char fill,
            String... headerLines) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nTransfer-Encoding: chunked\r\nAccept: application/sparql-results+json\r\n"
                    + String.join("", java.util.Arrays.stream(headerLines).map(h -> h + "\r\n").toList()) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                try {
                    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
                    chunk(out, head);
                    byte[] block = String.valueOf(fill).repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                    for (long sent = head.length; sent < total; sent += block.length) {
                        chunk(out, block);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed: what the probe expects of a body too large
                }
            });
            writer.setDaemon(true);
            writer.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            return status == null ? -1 : Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static void chunk(OutputStream out, byte[] b) throws IOException {
        out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The status of a GET sent from the loopback address {@code from}, with extra header lines. */
    static int get(String from, int port, String path, String... headerLines) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            for (String h : headerLines) {
                req.append(h).append("\r\n");
            }
            s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            return status == null ? -1 : Integer.parseInt(status.split(" ")[1]);
        }
    }
}
