package dev.vouch.vuln;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pieces the hand-written version schemes share: a version matched whole, and its numeric parts. */
final class VersionParts {
    private VersionParts() {}

    /** The version matched against the scheme's pattern; an exception naming the scheme when it is not one. */
    static Matcher parse(Pattern pattern, String version, String scheme) {
        Matcher m = pattern.matcher(version.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a " + scheme + " version: " + version);
        }
        return m;
    }

    /** A numeric part; an absent or empty one is zero. */
    static BigInteger number(String part) {
        return part == null || part.isEmpty() ? BigInteger.ZERO : new BigInteger(part);
    }
}
