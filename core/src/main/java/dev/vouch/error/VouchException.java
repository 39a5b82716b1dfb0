package dev.vouch.error;

/**
 * The root of every error vouch reports to its user. The message is one line that names the file, field or
 * layer at fault; the command line prints it and exits with code 2. Subclasses say what kind of fault it was.
 */
public abstract sealed class VouchException extends RuntimeException
        permits EngineException,
                IntegrityException,
                InvalidInputException,
                RegistryException,
                UnsupportedInputException {

    protected VouchException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null
                ? "unknown error"
                : message.replaceAll("[\\r\\n]+", " ").strip();
    }
}
