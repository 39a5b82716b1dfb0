package dev.vouch.vuln;

/**
 * Debian's version ordering (<a
 * href="https://www.debian.org/doc/debian-policy/ch-controlfields.html#version">Policy 5.6.12</a>):
 * {@code [epoch:]upstream[-revision]}; the epoch compares as a number, then upstream and revision each by
 * alternating non-digit parts (letters before other characters, {@code ~} before anything, even the end) and
 * digit parts (as numbers). Written here because versatile 0.7.0's DebianVersion fails on versions without a
 * revision ({@code 1.09}, {@code 0foo}), which Debian-native packages have.
 */
final class DpkgVersionScheme implements VersionScheme {
    private record Parsed(long epoch, String upstream, String revision) {}

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        int c = Long.compare(x.epoch(), y.epoch());
        if (c == 0) {
            c = verrevcmp(x.upstream(), y.upstream());
        }
        if (c == 0) {
            c = verrevcmp(x.revision(), y.revision());
        }
        return Integer.signum(c);
    }

    @Override
    public boolean isValid(String version) {
        if (version == null || version.isEmpty() || version.length() > 1024) {
            return false;
        }
        String v = version.strip();
        if (v.isEmpty() || v.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        int colon = v.indexOf(':');
        if (colon >= 0 && !v.substring(0, colon).matches("[0-9]{1,9}")) {
            return false;
        }
        String rest = v.substring(colon + 1);
        int dash = rest.lastIndexOf('-');
        String upstream = dash < 0 ? rest : rest.substring(0, dash);
        String revision = dash < 0 ? "" : rest.substring(dash + 1);
        return !upstream.isEmpty()
                && Character.isDigit(upstream.charAt(0))
                && upstream.matches("[A-Za-z0-9.+~:-]*")
                && (dash < 0 || !revision.isEmpty())
                && revision.matches("[A-Za-z0-9.+~]*");
    }

    private static Parsed parse(String v) {
        if (!v.isEmpty() && (Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1)))) {
            v = v.strip();
        }
        long epoch = 0;
        int colon = v.indexOf(':');
        if (colon > 0 && colon <= 18 && allDigits(v, colon)) {
            epoch = Long.parseLong(v, 0, colon, 10);
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        return dash < 0 ? new Parsed(epoch, v, "") : new Parsed(epoch, v.substring(0, dash), v.substring(dash + 1));
    }

    private static boolean allDigits(String s, int end) {
        for (int i = 0; i < end; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The weight of a character in a non-digit part: ~ first, then the end, then letters, then the rest. */
    private static int order(int c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c == 0 ? 0 : c + 256;
    }

    private static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return ac - bc;
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length()
                    && Character.isDigit(a.charAt(i))
                    && j < b.length()
                    && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }
}
