package dev.vouch.sign.notation;

/** A Notation signature that does not verify, or does not parse; the message is the reason, one line. */
public final class NotationFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public NotationFailure(String reason) {
        super(reason, null, false, false);
    }
}
