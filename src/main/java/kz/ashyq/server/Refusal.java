package kz.ashyq.server;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** How a limit turns a request away: status, the reason counted in metrics, title, detail. */
@FunctionalInterface
interface Refusal {

    void refuse(HttpServletResponse response, int status, String reason, String title, String detail)
            throws IOException;

    /** Answers as {@code application/problem+json} (through Jackson) and counts the reason. */
    static Refusal counted(Metrics metrics) {
        return (response, status, reason, title, detail) -> {
            metrics.rejected(reason);
            Problems.write(response, status, title, detail);
        };
    }
}
