package dev.vouch.vuln;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems' ordering (<a href="https://docs.ruby-lang.org/en/master/Gem/Version.html">Gem::Version</a>): a version
 * is a run of numeric and alphabetic segments ({@code 1.0.b1} is 1, 0, b, 1); segments compare pairwise, the shorter
 * side padded with zeros, numbers as numbers, letters as strings, and a letter segment sorts before a number (so a
 * prerelease {@code 1.0.a} is before {@code 1.0}); {@code 1.0} equals {@code 1}.
 */
final class GemVersionScheme implements VersionScheme {
    private static final Pattern VALID =
            Pattern.compile("[0-9]+(\\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

    @Override
    public int compare(String a, String b) {
        List<Object> x = segments(a);
        List<Object> y = segments(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            Object l = i < x.size() ? x.get(i) : (Object) java.math.BigInteger.ZERO;
            Object r = i < y.size() ? y.get(i) : (Object) java.math.BigInteger.ZERO;
            int c;
            if (l instanceof java.math.BigInteger li && r instanceof java.math.BigInteger ri) {
                c = li.compareTo(ri);
            } else if (l instanceof String ls && r instanceof String rs) {
                c = ls.compareTo(rs);
            } else {
                c = l instanceof String ? -1 : 1;
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return 0;
    }

    private static List<Object> segments(String v) {
        // RubyGems reads a dash as a prerelease marker: 1.0-rc1 is 1.0.pre.rc1
        String s = v.strip().replace("-", ".pre.");
        List<Object> out = new ArrayList<>();
        Matcher m = SEGMENT.matcher(s);
        while (m.find()) {
            String g = m.group();
            out.add(Character.isDigit(g.charAt(0)) ? (Object) new java.math.BigInteger(g) : g);
        }
        return out;
    }

    @Override
    public boolean isValid(String version) {
        return version != null && VALID.matcher(version.strip()).matches();
    }
}
