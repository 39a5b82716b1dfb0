package dev.vouch.vuln;

/**
 * How one ecosystem orders its versions. Advisories say "fixed in X"; whether an installed version is below X is
 * only as right as this comparison, which is why each scheme is tested against its upstream's own vectors.
 */
public interface VersionScheme {
    /** Negative, zero or positive as {@code a} sorts before, equal to or after {@code b}. */
    int compare(String a, String b);

    /** Whether the scheme accepts the string as a version at all. */
    boolean isValid(String version);

    /** Debian's dpkg ordering (epoch, upstream version with {@code ~}, revision). */
    VersionScheme DPKG = new DpkgVersionScheme();

    /** RPM's rpmvercmp ordering (tilde, caret, alphanumeric segments), via versatile. */
    VersionScheme RPM = new RpmVersionScheme();

    /** Alpine's apk ordering, as apk-tools implements it. */
    VersionScheme APK = new ApkVersionScheme();

    /** Python's PEP 440 ordering. */
    VersionScheme PEP440 = new Pep440VersionScheme();

    /** Maven's ComparableVersion ordering, via versatile. */
    VersionScheme MAVEN = new VersatileScheme(
            io.github.nscuro.versatile.version.VersioningScheme.MAVEN,
            // a release starts with a number; ComparableVersion orders one that starts with a letter against the rest
            // without transitivity (fuzzing: 0alpha-1044 <= 0 <= E1, yet 0alpha-1044 > E1)
            java.util.regex.Pattern.compile("\\d[0-9A-Za-z._+-]*"));

    /** npm's semver ordering, via versatile. */
    VersionScheme NPM = new VersatileScheme(
            io.github.nscuro.versatile.version.VersioningScheme.NPM,
            // what npm's semver.valid accepts: SemVer 2, no leading zeros in numbers (fuzzing found versatile's loose
            // reading of 02.0201 above 02.12 and equal to it the other way round)
            java.util.regex.Pattern.compile("[v=]?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(-(0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(\\.(0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*)?"
                    + "(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?"));

    /** Go module versions (semver without the v), via versatile. */
    VersionScheme GO = new VersatileScheme(io.github.nscuro.versatile.version.VersioningScheme.GOLANG);

    /** RubyGems' Gem::Version ordering. */
    VersionScheme GEM = new GemVersionScheme();

    /** NuGet's ordering (four numeric parts, SemVer 2 prerelease labels). */
    VersionScheme NUGET = new NuGetVersionScheme();

    /** Composer's ordering of released versions (stability suffixes). */
    VersionScheme COMPOSER = new ComposerVersionScheme();

    /** Dotted versions outside any ecosystem, for NVD's CPE bounds. */
    VersionScheme GENERIC = new GenericVersionScheme();
}
