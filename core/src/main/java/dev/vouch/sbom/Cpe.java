package dev.vouch.sbom;

import java.util.ArrayList;
import java.util.List;

/**
 * A CPE 2.3 formatted string ({@code cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:
 * target_sw:target_hw:other}, <a href="https://nvlpubs.nist.gov/nistpubs/Legacy/IR/nistir7695.pdf">NISTIR 7695</a>),
 * split into its eleven attributes with backslash escapes kept out of the values.
 *
 * @param attributes part, vendor, product, version, update, edition, language, sw_edition, target_sw, target_hw,
 *     other; {@code *} is ANY and {@code -} is NA
 */
public record Cpe(List<String> attributes) {
    public static final int PART = 0;
    public static final int VENDOR = 1;
    public static final int PRODUCT = 2;
    public static final int VERSION = 3;
    public static final int UPDATE = 4;
    public static final int SW_EDITION = 7;
    public static final int TARGET_SW = 8;
    public static final int TARGET_HW = 9;

    public Cpe {
        attributes = List.copyOf(attributes);
    }

    /** Parses a formatted string; null when it is not one. */
    public static Cpe parse(String s) {
        if (s == null || !s.startsWith("cpe:2.3:") || s.length() > 1024) {
            return null;
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = "cpe:2.3:".length(); i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
            } else if (c == ':') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.size() == 11 ? new Cpe(out) : null;
    }

    public String get(int attribute) {
        return attributes.get(attribute);
    }

    /** A value escaped for a formatted string: characters other than letters, digits, {@code _ - .} get a backslash. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-' && c != '.') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
