package dev.vouch.sbom;

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

    /** deb822 paragraphs; keys as written, a continued value joined with newlines. */
    static List<Map<String, String>> deb822(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                if (!cur.isEmpty() && out.size() < MAX_RECORDS) {
                    out.add(cur);
                }
                cur = new LinkedHashMap<>();
                last = null;
            } else if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                cur.merge(last, "\n" + line.strip(), String::concat);
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    last = line.substring(0, colon);
                    cur.put(last, line.substring(colon + 1).strip());
                }
            }
        }
        if (!cur.isEmpty() && out.size() < MAX_RECORDS) {
            out.add(cur);
        }
        return out;
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
