package dev.vouch.cli;

/**
 * Whether progress is drawn on stderr: only when it is a terminal, and never inside {@code vouch serve}, whose
 * checks run side by side and whose stderr is a log.
 */
final class Terminal {
    private static volatile boolean serving;

    private Terminal() {}

    static boolean showsProgress() {
        return !serving && System.console() != null;
    }

    /** From now on this process is a server: no progress bars. */
    static void serving() {
        serving = true;
    }
}
