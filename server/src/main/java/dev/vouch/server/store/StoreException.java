package dev.vouch.server.store;

/** The server's database failed (unreachable, or a statement failed); the message names the database. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
