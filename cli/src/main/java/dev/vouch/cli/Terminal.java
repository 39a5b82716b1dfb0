package dev.vouch.cli;

/**
 * Whether progress is drawn on stderr: only when it is a terminal, and never inside {@code vouch serve}, whose
 * checks run side by side and whose stderr is a log; and how wide text reports wrap.
 */
final class Terminal {
    private static volatile boolean serving;

    private Terminal() {}

    static boolean showsProgress() {
        return !serving && System.console() != null;
    }

    /**
     * The width text reports wrap to: {@code $COLUMNS} when it is set (also when the output is a file or a pipe, so a
     * CI log can be made wider), else the terminal's as {@code stty size} says, or 100 columns when the output is not a
     * terminal.
     */
    static int width(Main.Context context) {
        String columns = context.env().get("COLUMNS");
        if (columns != null && columns.matches("\\d{2,4}") && Integer.parseInt(columns) >= 40) {
            return Integer.parseInt(columns);
        }
        if (System.console() == null) {
            return dev.vouch.check.render.Wrap.DEFAULT_WIDTH;
        }
        try {
            Process p = new ProcessBuilder("stty", "size")
                    .redirectInput(new java.io.File("/dev/tty"))
                    .redirectErrorStream(true)
                    .start();
            String size = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS) && size.matches("\\d+ \\d{2,4}")) {
                return Integer.parseInt(size.substring(size.indexOf(' ') + 1));
            }
        } catch (java.io.IOException e) {
            // no stty, no tty: the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return dev.vouch.check.render.Wrap.DEFAULT_WIDTH;
    }

    /** From now on this process is a server: no progress bars. */
    static void serving() {
        serving = true;
    }
}
