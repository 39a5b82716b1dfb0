package dev.vouch.vuln;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's version ordering (<a href="https://peps.python.org/pep-0440/">PEP 440</a>): epoch, release numbers
 * (trailing zeros do not count), then pre-releases (a, b, rc and their spellings alpha, beta, c, pre, preview)
 * before the release, post-releases after it, development releases before whatever they develop, and local labels
 * last. Written here: versatile orders PyPI versions as generic strings, which puts 1.0rc1 after 1.0.
 */
final class Pep440VersionScheme implements VersionScheme {
    private static final Pattern VERSION = Pattern.compile("v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
            + "(?:[-_.]?(?<pre>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
            + "(?:-(?<postImplicit>[0-9]+)|[-_.]?(?<post>post|rev|r)[-_.]?(?<postN>[0-9]+)?)?"
            + "(?:[-_.]?(?<dev>dev)[-_.]?(?<devN>[0-9]+)?)?"
            + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

    private record Parsed(
            BigInteger epoch,
            List<BigInteger> release,
            int prePhase,
            BigInteger preN,
            BigInteger post,
            BigInteger dev,
            List<String> local) {}

    @Override
    public boolean isValid(String version) {
        return version != null && version.length() <= 256 && parse(version) != null;
    }

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        if (x == null || y == null) {
            return Integer.signum(a.compareTo(b)); // not PEP 440: no better order than the text
        }
        int c = x.epoch().compareTo(y.epoch());
        if (c != 0) {
            return Integer.signum(c);
        }
        c = compareRelease(x.release(), y.release());
        if (c != 0) {
            return c;
        }
        // pre-release: a dev release of the release itself (1.0.dev1) sorts before its pre-releases
        c = Integer.compare(preRank(x), preRank(y));
        if (c == 0 && x.prePhase() >= 0) {
            c = x.preN().compareTo(y.preN());
        }
        if (c != 0) {
            return Integer.signum(c);
        }
        c = compareOptional(x.post(), y.post(), -1);
        if (c != 0) {
            return c;
        }
        c = compareOptional(x.dev(), y.dev(), 1);
        if (c != 0) {
            return c;
        }
        return compareLocal(x.local(), y.local());
    }

    /** Where the pre-release part puts a version: before pre-releases (dev only), in them, or after them. */
    private static int preRank(Parsed p) {
        if (p.prePhase() >= 0) {
            return p.prePhase();
        }
        return p.post() == null && p.dev() != null ? -1 : 3;
    }

    /** Compares optional numbers; an absent one sorts first ({@code absent = -1}) or last ({@code absent = 1}). */
    private static int compareOptional(BigInteger x, BigInteger y, int absent) {
        if (x == null && y == null) {
            return 0;
        }
        if (x == null) {
            return absent;
        }
        if (y == null) {
            return -absent;
        }
        return Integer.signum(x.compareTo(y));
    }

    private static int compareRelease(List<BigInteger> x, List<BigInteger> y) {
        int n = Math.max(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < x.size() ? x.get(i) : BigInteger.ZERO;
            BigInteger b = i < y.size() ? y.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return 0;
    }

    private static int compareLocal(List<String> x, List<String> y) {
        if (x.isEmpty() || y.isEmpty()) {
            return Integer.compare(x.size(), y.size()) == 0 ? 0 : x.isEmpty() ? -1 : 1; // no local label first
        }
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            String a = x.get(i);
            String b = y.get(i);
            boolean an = a.chars().allMatch(Character::isDigit);
            boolean bn = b.chars().allMatch(Character::isDigit);
            int c;
            if (an && bn) {
                c = new BigInteger(a).compareTo(new BigInteger(b));
            } else if (an != bn) {
                c = an ? 1 : -1; // numeric segments sort after alphanumeric ones
            } else {
                c = a.compareTo(b);
            }
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static Parsed parse(String v) {
        Matcher m = VERSION.matcher(v.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        int phase = -1;
        String pre = m.group("pre");
        if (pre != null) {
            phase = switch (pre) {
                case "a", "alpha" -> 0;
                case "b", "beta" -> 1;
                default -> 2; // rc, c, pre, preview
            };
        }
        BigInteger post = m.group("postImplicit") != null
                ? new BigInteger(m.group("postImplicit"))
                : m.group("post") != null ? number(m.group("postN")) : null;
        BigInteger dev = m.group("dev") != null ? number(m.group("devN")) : null;
        List<String> local =
                m.group("local") == null ? List.of() : List.of(m.group("local").split("[-_.]"));
        return new Parsed(
                m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch")),
                release,
                phase,
                number(m.group("preN")),
                post,
                dev,
                local);
    }

    private static BigInteger number(String s) {
        return s == null ? BigInteger.ZERO : new BigInteger(s);
    }
}
