package kz.ashyq.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import kz.ashyq.replication.Sender;
import kz.ashyq.store.Part;
import kz.ashyq.store.Store;

/**
 * {@code GET /admin/snapshot?part=data|archive} on a publisher: one part of the store as an RDF Patch
 * that adds each quad, read in one transaction, with the number of the last change it includes
 * ({@code Ashyq-Change}) and, when known, the topic offset of that change ({@code Ashyq-Offset}); a
 * new replica ({@code ashyq serve --follow … --snapshot URL}) starts from it instead of the topic's
 * first record.
 */
final class SnapshotEndpoint {

    static final String PATH = "/admin/snapshot";

    private final Store store;
    private final Sender sender;

    SnapshotEndpoint(Store store, Sender sender) {
        this.store = store;
        this.sender = sender;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, Refusal refusal)
            throws IOException {
        String name = request.getParameter("part");
        if (!"GET".equals(request.getMethod()) || name == null || !name.matches("data|archive")) {
            refusal.refuse(response, 400, "snapshot", "Bad Request", "GET " + PATH + "?part=data or ?part=archive");
            return;
        }
        Part part = Part.of(name);
        response.setContentType("application/rdf-patch");
        response.setHeader("Cache-Control", "no-store");
        store.changes().snapshot(part, seq -> {
            response.setHeader("Ashyq-Change", Long.toString(seq));
            sender.offsetOf(part, seq).ifPresent(o -> response.setHeader("Ashyq-Offset", Long.toString(o)));
        }, response.getOutputStream());
    }
}
