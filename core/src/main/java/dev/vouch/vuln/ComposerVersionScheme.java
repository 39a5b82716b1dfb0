package dev.vouch.vuln;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composer's ordering of released versions (<a href="https://getcomposer.org/doc/articles/versions.md">Composer
 * versions</a>): an optional {@code v}, up to four numeric parts (missing ones zero), then an optional stability
 * suffix with its number: {@code dev} before {@code alpha} ({@code a}) before {@code beta} ({@code b}) before
 * {@code RC} before the release before {@code patch} ({@code p}, {@code pl}). Branch names ({@code dev-main}) are
 * not versions.
 */
final class ComposerVersionScheme implements VersionScheme {
    private static final Pattern VERSION = Pattern.compile(
            "[vV]?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[._-]?(dev|alpha|a|beta|b|rc|patch|pl|p)[._-]?(\\d*))?",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> STABILITY = List.of("dev", "alpha", "beta", "rc", "", "patch");

    @Override
    public int compare(String a, String b) {
        Matcher x = VersionParts.parse(VERSION, a, "Composer");
        Matcher y = VersionParts.parse(VERSION, b, "Composer");
        for (int i = 1; i <= 4; i++) {
            int c = VersionParts.number(x.group(i)).compareTo(VersionParts.number(y.group(i)));
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        int c = Integer.compare(stability(x.group(5)), stability(y.group(5)));
        return c != 0 ? c : Integer.signum(VersionParts.number(x.group(6)).compareTo(VersionParts.number(y.group(6))));
    }

    private static int stability(String suffix) {
        String s = suffix == null ? "" : suffix.toLowerCase(Locale.ROOT);
        s = switch (s) {
            case "a" -> "alpha";
            case "b" -> "beta";
            case "p", "pl" -> "patch";
            default -> s;
        };
        return STABILITY.indexOf(s);
    }

    @Override
    public boolean isValid(String version) {
        return version != null && VERSION.matcher(version.strip()).matches();
    }
}
