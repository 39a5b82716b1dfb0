package dev.vouch.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A version without a release sorts just before the same version with one; the rest is rpmvercmp. */
class RpmVersionSchemeTest {
    @Test
    void aMissingReleaseSortsBeforeAnyRelease() {
        VersionScheme rpm = VersionScheme.RPM;
        assertThat(rpm.compare("1.0", "1.0-1")).isNegative();
        assertThat(rpm.compare("1.0-1.el8", "1.0")).isPositive();
        assertThat(rpm.compare("00", "0-4c")).isNegative(); // versatile threw on this pair (found by fuzzing)
        assertThat(rpm.compare("1.1", "1.0-9")).isPositive();
        assertThat(rpm.compare("1:1.0", "1.5-1")).isPositive();
        assertThat(rpm.compare("1.0-1", "1.0-2")).isNegative();
        assertThat(rpm.compare("1.0", "1.0")).isZero();
    }
}
