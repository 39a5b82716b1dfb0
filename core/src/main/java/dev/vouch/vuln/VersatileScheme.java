package dev.vouch.vuln;

import io.github.nscuro.versatile.version.Version;
import io.github.nscuro.versatile.version.VersioningScheme;

/** A {@link VersionScheme} that versatile implements (<a href="https://github.com/nscuro/versatile">versatile</a>). */
final class VersatileScheme implements VersionScheme {
    private final VersioningScheme scheme;

    VersatileScheme(VersioningScheme scheme) {
        this.scheme = scheme;
    }

    @Override
    public int compare(String a, String b) {
        return Integer.signum(Version.forScheme(scheme, a).compareTo(Version.forScheme(scheme, b)));
    }

    @Override
    public boolean isValid(String version) {
        try {
            Version.forScheme(scheme, version);
            return true;
        } catch (RuntimeException e) { // versatile's InvalidVersionException, semver4j's SemverException
            return false;
        }
    }
}
