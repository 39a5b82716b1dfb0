package dev.vouch.vuln;

import io.github.nscuro.versatile.version.Version;
import io.github.nscuro.versatile.version.VersioningScheme;

/** A {@link VersionScheme} that versatile implements (<a href="https://github.com/nscuro/versatile">versatile</a>). */
final class VersatileScheme implements VersionScheme {
    private final VersioningScheme scheme;
    private final java.util.regex.Pattern shape;

    VersatileScheme(VersioningScheme scheme) {
        this(scheme, null);
    }

    /** A scheme whose versions must also have this shape (what the ecosystem itself allows), or null for any. */
    VersatileScheme(VersioningScheme scheme, java.util.regex.Pattern shape) {
        this.scheme = scheme;
        this.shape = shape;
    }

    @Override
    public int compare(String a, String b) {
        try {
            return Integer.signum(Version.forScheme(scheme, a).compareTo(Version.forScheme(scheme, b)));
        } catch (NullPointerException | IndexOutOfBoundsException versatileFailed) {
            // versions versatile parsed but cannot order (fuzzing found rpm's): a declared refusal, not a crash
            throw new IllegalArgumentException("cannot order " + a + " and " + b, versatileFailed);
        }
    }

    /**
     * Whether versatile reads the version and can order it: some strings it parses still fail when compared
     * (an rpm "epoch" that is not a number, {@code 0c:0}, fails with a NullPointerException), so a comparison with a
     * plain version is tried too, and such a version is not valid.
     */
    @Override
    public boolean isValid(String version) {
        // an empty version is none, in any ecosystem (Maven's ordering put "" between 0-a and 0A02E-a: fuzzing)
        if (version == null
                || version.isBlank()
                || shape != null && !shape.matcher(version).matches()) {
            return false;
        }
        try {
            Version v = Version.forScheme(scheme, version);
            v.compareTo(Version.forScheme(scheme, "1"));
            // and equal to itself: versatile's npm reading of "02220" is not (fuzzing found it)
            return v.compareTo(Version.forScheme(scheme, version)) == 0;
        } catch (RuntimeException e) { // versatile's InvalidVersionException, semver4j's SemverException, NPEs
            return false;
        }
    }
}
