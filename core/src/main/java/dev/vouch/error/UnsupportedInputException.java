package dev.vouch.error;

/** Input that is well formed but that this version of vouch does not read (yet), said plainly. */
public final class UnsupportedInputException extends VouchException {
    public UnsupportedInputException(String message) {
        super(message, null);
    }
}
