package dev.vouch.tuf;

/**
 * Trust data that does not verify: a signature threshold not met, an expired role, a file whose hash or length is not
 * the one its parent role lists, a version older than one seen before. The message is the reason, one line.
 */
public final class TufFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public TufFailure(String reason) {
        super(reason, null, false, false);
    }
}
