package dev.vouch.check.render;

/**
 * Text wrapped to a width with a hanging indent, for terminals: lines break at spaces, and a word longer than the
 * line (a digest, a URL) stands whole on a line of its own. Nothing that carries meaning is ever cut.
 */
public final class Wrap {
    private Wrap() {}

    /** The default width when the output is not a terminal, or the terminal's width is unknown. */
    public static final int DEFAULT_WIDTH = 100;

    /**
     * {@code text} after {@code first}, continued on lines that start with {@code rest} (spaces), each line at most
     * {@code width} columns where the words allow; every line ends with a newline.
     */
    public static String hanging(String first, String text, String rest, int width) {
        StringBuilder out = new StringBuilder(first);
        int column = first.length();
        boolean lineHasWord = false;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (lineHasWord && column + 1 + word.length() > width) {
                out.append('\n').append(rest);
                column = rest.length();
                lineHasWord = false;
            }
            if (lineHasWord) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
            lineHasWord = true;
        }
        return out.append('\n').toString();
    }
}
