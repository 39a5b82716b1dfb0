package dev.vouch.error;

/**
 * Content did not match what its descriptor promised: a digest, a size, or a count of layers. vouch never
 * continues past one of these, so no report is built on bytes that were not what they claimed to be.
 */
public final class IntegrityException extends VouchException {
    public IntegrityException(String message) {
        super(message, null);
    }
}
