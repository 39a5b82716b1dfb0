package dev.vouch.vuln;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NuGet's ordering (<a href="https://learn.microsoft.com/en-us/nuget/concepts/package-versioning">package
 * versioning</a>): up to four numeric parts, missing ones zero ({@code 1.0} equals {@code 1.0.0.0}); a release sorts
 * after its prereleases; prerelease labels compare dot-separated part by part, numbers numerically and before
 * letters, letters without regard to case; build metadata ({@code +...}) is ignored.
 */
final class NuGetVersionScheme implements VersionScheme {
    private static final Pattern VERSION = Pattern.compile(
            // SemVer 2 labels: dot-separated identifiers, none empty (fuzzing found "1-0..4", whose empty one failed)
            "[vV]?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    @Override
    public int compare(String a, String b) {
        Matcher x = VersionParts.parse(VERSION, a, "NuGet");
        Matcher y = VersionParts.parse(VERSION, b, "NuGet");
        for (int i = 1; i <= 4; i++) {
            int c = VersionParts.number(x.group(i)).compareTo(VersionParts.number(y.group(i)));
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        String px = x.group(5);
        String py = y.group(5);
        if (px == null || py == null) {
            return px == null ? (py == null ? 0 : 1) : -1;
        }
        String[] lx = px.split("\\.");
        String[] ly = py.split("\\.");
        for (int i = 0; i < Math.min(lx.length, ly.length); i++) {
            boolean nx = lx[i].chars().allMatch(Character::isDigit);
            boolean ny = ly[i].chars().allMatch(Character::isDigit);
            int c = nx && ny
                    ? new BigInteger(lx[i]).compareTo(new BigInteger(ly[i]))
                    : nx != ny
                            ? (nx ? -1 : 1)
                            : lx[i].toLowerCase(Locale.ROOT).compareTo(ly[i].toLowerCase(Locale.ROOT));
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(lx.length, ly.length);
    }

    @Override
    public boolean isValid(String version) {
        return version != null && VERSION.matcher(version.strip()).matches();
    }
}
