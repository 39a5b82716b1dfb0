package dev.vouch.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paragraph-per-record package databases: Debian's control format (<a
 * href="https://www.debian.org/doc/debian-policy/ch-controlfields.html">deb822</a>: {@code Key: value}, continuation
 * lines indented) and apk's installed database ({@code K:value}). Records are separated by blank lines.
 */
final class Stanzas {
    private Stanzas() {}

    /** At most this many records per file: a hostile database cannot make the catalog unbounded. */
    static final int MAX_RECORDS = 200_000;

    /**
     * deb822 paragraphs; keys as written, a continued value joined with newlines. One pass over the text: a long
     * continued field (a license's full text in a copyright file) is built once, not copied at every line.
     */
    static List<Map<String, String>> deb822(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        String last = null;
        StringBuilder continued = null;
        int at = 0;
        int n = text.length();
        while (at < n) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                end = n;
            }
            String line = text.substring(at, end);
            at = end + 1;
            boolean continuation = !line.isBlank() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null;
            if (continued != null && !continuation) {
                cur.put(last, continued.toString());
                continued = null;
            }
            if (line.isBlank()) {
                if (!cur.isEmpty() && out.size() < MAX_RECORDS) {
                    out.add(cur);
                }
                cur = new LinkedHashMap<>();
                last = null;
            } else if (continuation) {
                if (continued == null) {
                    continued = new StringBuilder(cur.get(last));
                }
                continued.append('\n').append(line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    last = line.substring(0, colon);
                    cur.put(last, line.substring(colon + 1).strip());
                }
            }
        }
        if (continued != null) {
            cur.put(last, continued.toString());
        }
        if (!cur.isEmpty() && out.size() < MAX_RECORDS) {
            out.add(cur);
        }
        return out;
    }

    /**
     * The first line of one field in each deb822 paragraph of UTF-8 bytes, stripped, as {@link #deb822} would give
     * it ({@code deb822(text).get(i).get(key)} up to its first newline), for the paragraphs that have the field. Reads
     * the bytes in place: only the lines that hold the field, or that are not ASCII, are decoded.
     */
    static List<String> firstLines(byte[] text, String key) {
        byte[] want = (key + ":").getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int records = 0;
        boolean inRecord = false;
        boolean keyed = false;
        String value = null;
        int at = 0;
        int n = text.length;
        while (at <= n && records < MAX_RECORDS) {
            int end = at;
            while (end < n && text[end] != '\n') {
                end++;
            }
            if (at == n) {
                break; // the text ended with a newline, or is empty
            }
            int start = at;
            at = end + 1;
            if (blank(text, start, end)) {
                if (inRecord) {
                    records++;
                    if (value != null) {
                        out.add(value);
                    }
                }
                inRecord = false;
                keyed = false;
                value = null;
                continue;
            }
            byte first = text[start];
            if ((first == ' ' || first == '\t') && keyed) {
                continue; // a continuation line
            }
            int colon = indexOf(text, start, end, (byte) ':');
            if (colon > start) {
                inRecord = true;
                keyed = true;
                if (colon - start == want.length - 1 && startsWith(text, start, want)) {
                    value = new String(text, colon + 1, end - colon - 1, StandardCharsets.UTF_8).strip();
                }
            }
        }
        if (inRecord && records < MAX_RECORDS && value != null) {
            out.add(value);
        }
        return out;
    }

    /** Whether a line is blank as {@link String#isBlank} says of it once decoded. */
    private static boolean blank(byte[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = text[i];
            if (b < 0) {
                return new String(text, start, end - start, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] text, int start, int end, byte b) {
        for (int i = start; i < end; i++) {
            if (text[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] text, int start, byte[] prefix) {
        if (text.length - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (text[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** apk records: the single-letter keys of the first occurrence (files and checksums after them are skipped). */
    static List<Map<String, String>> apk(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                if (!cur.isEmpty() && out.size() < MAX_RECORDS) {
                    out.add(cur);
                }
                cur = new LinkedHashMap<>();
            } else if (line.length() >= 2 && line.charAt(1) == ':') {
                cur.putIfAbsent(line.substring(0, 1), line.substring(2));
            }
        }
        if (!cur.isEmpty() && out.size() < MAX_RECORDS) {
            out.add(cur);
        }
        return out;
    }
}
