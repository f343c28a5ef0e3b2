package kz.ashyq.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/** A port on 127.0.0.1 that records whether anything connected: proof that no request left. */
final class Listener implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicBoolean called = new AtomicBoolean();

    Listener() throws IOException {
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            try (Socket s = socket.accept()) {
                called.set(true);
            } catch (IOException e) {
                // the socket was closed at the end of the test
            }
        });
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Whether anything connected (after a moment for a late connection to arrive). */
    boolean called() throws InterruptedException {
        Thread.sleep(200);
        return called.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
