package kz.ashyq.store;

import java.nio.file.Path;

/**
 * Another process holds the store: TDB2 admits one at a time, and a running server holds its
 * store for as long as it serves. Publishing then goes through that server.
 */
public final class StoreLockedException extends StoreException {
    private static final long serialVersionUID = 1L;

    StoreLockedException(Path dir, Throwable cause) {
        super("the store " + dir + " is held by another process, such as a running ashyq serve: publish through "
                + "the server with ashyq load --server URL MAPPING… (the admin token in ASHYQ_ADMIN_TOKEN), or stop it "
                + "first", cause);
    }
}
