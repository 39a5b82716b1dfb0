package dev.vouch.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RubyGems, NuGet and Composer orderings, on the examples their own documentation gives: each list is in ascending
 * order, and every pair in it compares that way both ways round.
 */
class EcosystemVersionSchemesTest {
    static void ascending(VersionScheme s, List<String> versions) {
        for (int i = 0; i < versions.size(); i++) {
            assertThat(s.isValid(versions.get(i))).as(versions.get(i)).isTrue();
            for (int j = i + 1; j < versions.size(); j++) {
                assertThat(s.compare(versions.get(i), versions.get(j)))
                        .as(versions.get(i) + " < " + versions.get(j))
                        .isNegative();
                assertThat(s.compare(versions.get(j), versions.get(i))).isPositive();
            }
        }
    }

    @Test
    void rubyGems() {
        // Gem::Version's documentation: prereleases (a letter segment) sort before the release, 1.10 after 1.9
        ascending(
                VersionScheme.GEM, List.of("1.0.a", "1.0.a2", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "1.9", "1.10", "2"));
        assertThat(VersionScheme.GEM.compare("1.0", "1")).isZero();
        assertThat(VersionScheme.GEM.compare("1.0.0", "1")).isZero();
        assertThat(VersionScheme.GEM.compare("1.0-rc1", "1.0.pre.rc1")).isZero();
        assertThat(VersionScheme.GEM.isValid("junk!")).isFalse();
    }

    @Test
    void nuGet() {
        // NuGet's package versioning page: numbers, then a release after its prereleases, labels part by part
        ascending(
                VersionScheme.NUGET,
                List.of(
                        "1.0.0-alpha",
                        "1.0.0-alpha.1",
                        "1.0.0-alpha.beta",
                        "1.0.0-beta",
                        "1.0.0-beta.2",
                        "1.0.0-beta.11",
                        "1.0.0-rc.1",
                        "1.0.0",
                        "1.0.0.1",
                        "1.0.1",
                        "1.10.0"));
        assertThat(VersionScheme.NUGET.compare("1.0", "1.0.0.0")).isZero();
        assertThat(VersionScheme.NUGET.compare("1.0.0-BETA", "1.0.0-beta")).isZero();
        assertThat(VersionScheme.NUGET.compare("1.0.0+build.5", "1.0.0")).isZero();
        assertThat(VersionScheme.NUGET.isValid("1.0.0.0.0")).isFalse();
        assertThat(VersionScheme.NUGET.isValid("1.0.0-0..4")).isFalse(); // an empty label identifier (fuzzing)
        assertThat(VersionScheme.NUGET.isValid("1.0.0-rc.1+build")).isTrue();
    }

    @Test
    void composer() {
        // Composer's stabilities: dev < alpha < beta < RC < stable < patch; v is optional
        ascending(
                VersionScheme.COMPOSER,
                List.of(
                        "1.0.0-dev",
                        "1.0.0-alpha1",
                        "1.0.0-alpha2",
                        "1.0.0-beta",
                        "1.0.0-RC1",
                        "1.0.0",
                        "1.0.0-p1",
                        "1.0.1",
                        "v1.2",
                        "1.10.0"));
        assertThat(VersionScheme.COMPOSER.compare("v5.4.0", "5.4.0.0")).isZero();
        assertThat(VersionScheme.COMPOSER.compare("1.0.0-b2", "1.0.0-beta2")).isZero();
        assertThat(VersionScheme.COMPOSER.isValid("dev-main")).isFalse();
    }
}
