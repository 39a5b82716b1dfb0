package dev.vouch.error;

/** Input that is malformed or hostile: bad JSON, a bad reference, a tar entry that escapes the root. */
public final class InvalidInputException extends VouchException {
    public InvalidInputException(String message) {
        super(message, null);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
