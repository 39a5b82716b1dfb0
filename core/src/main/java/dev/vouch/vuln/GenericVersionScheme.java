package dev.vouch.vuln;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ordering NVD's CPE version bounds need for software outside a package ecosystem: a version is runs of digits
 * and of letters ({@code 1.1.1t} is 1, 1, 1, t); runs compare pairwise, numbers as numbers and letters as strings, a
 * missing run counts as zero, and a letter run sorts after a number and after nothing (OpenSSL's {@code 1.0.2zh} is
 * after {@code 1.0.2}). A build suffix after {@code +} is ignored.
 */
final class GenericVersionScheme implements VersionScheme {
    private static final Pattern RUN = Pattern.compile("\\d+|[a-zA-Z]+");

    @Override
    public int compare(String a, String b) {
        List<Object> x = runs(a);
        List<Object> y = runs(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            Object l = i < x.size() ? x.get(i) : null;
            Object r = i < y.size() ? y.get(i) : null;
            int c;
            if (l instanceof BigInteger li && r instanceof BigInteger ri) {
                c = li.compareTo(ri);
            } else if (l instanceof String ls && r instanceof String rs) {
                c = ls.compareToIgnoreCase(rs);
            } else if (l == null || r == null) {
                Object present = l == null ? r : l;
                int sign = l == null ? -1 : 1;
                c = present instanceof String ? sign : sign * ((BigInteger) present).signum();
            } else {
                c = l instanceof String ? 1 : -1;
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return 0;
    }

    private static List<Object> runs(String v) {
        String s = v.strip();
        int plus = s.indexOf('+');
        s = plus > 0 ? s.substring(0, plus) : s;
        List<Object> out = new ArrayList<>();
        Matcher m = RUN.matcher(s);
        while (m.find()) {
            String g = m.group();
            out.add(Character.isDigit(g.charAt(0)) ? (Object) new BigInteger(g) : g);
        }
        return out;
    }

    @Override
    public boolean isValid(String version) {
        return version != null
                && !version.isBlank()
                && Character.isDigit(version.strip().charAt(0));
    }
}
