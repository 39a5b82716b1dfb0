package dev.vouch.vuln;

import io.github.nscuro.versatile.version.VersioningScheme;
import java.util.regex.Pattern;

/**
 * RPM's ordering of {@code [EPOCH:]VERSION[-RELEASE]} (rpmvercmp on each part, via versatile). A version without a
 * release sorts just before the same version with any release: rpm itself skips the release when one side has none,
 * which is no order at all (1.0-2 = 1.0 = 1.0-1), and versatile fails on it (fuzzing found {@code 00} against
 * {@code 0-4c}).
 */
final class RpmVersionScheme implements VersionScheme {
    /** rpm's own rule: a numeric epoch, and no '-' or ':' inside the version or the release. */
    private static final Pattern SHAPE = Pattern.compile("(\\d+:)?[A-Za-z0-9._+~^]+(-[A-Za-z0-9._+~^]+)?");

    private static final VersatileScheme VERSATILE = new VersatileScheme(VersioningScheme.RPM, SHAPE);

    @Override
    public int compare(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        if ((dashA < 0) == (dashB < 0)) {
            return VERSATILE.compare(a, b);
        }
        int byVersion = VERSATILE.compare(dashA < 0 ? a : a.substring(0, dashA), dashB < 0 ? b : b.substring(0, dashB));
        if (byVersion != 0) {
            return byVersion;
        }
        return dashA < 0 ? -1 : 1;
    }

    @Override
    public boolean isValid(String version) {
        return VERSATILE.isValid(version);
    }
}
