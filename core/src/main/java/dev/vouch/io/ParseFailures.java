package dev.vouch.io;

/** How a parser's failure is told in one line: the first line of its message, or its kind when it has none. */
final class ParseFailures {
    private ParseFailures() {}

    static String firstLine(Exception e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
    }
}
