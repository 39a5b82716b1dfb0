package dev.vouch.dockerfile;

/** Quotes a string as Go's {@code strconv.Quote} does, the notation of BuildKit's AST dumps. */
final class GoQuote {
    private GoQuote() {}

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '\f' -> b.append("\\f");
                case '\b' -> b.append("\\b");
                case 0x07 -> b.append("\\a");
                case 0x0b -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else if (!printable(c)) {
                        b.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    private static boolean printable(int c) {
        if (c < 0x80) {
            return true;
        }
        int type = Character.getType(c);
        return Character.isDefined(c)
                && type != Character.CONTROL
                && type != Character.FORMAT
                && type != Character.SURROGATE
                && type != Character.PRIVATE_USE
                && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR
                && (type != Character.SPACE_SEPARATOR || c == 0x20);
    }
}
