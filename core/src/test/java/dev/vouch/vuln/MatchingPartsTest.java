package dev.vouch.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CVSS v2/v3/v4 scores and OSV range evaluation, on known values. */
class MatchingPartsTest {
    @Test
    void cvssBaseScoresAsFirstsCalculatorsGiveThem() {
        assertThat(CvssScore.baseScore("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                .isEqualTo(9.8);
        assertThat(CvssScore.baseScore("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"))
                .isEqualTo(10.0);
        assertThat(CvssScore.baseScore("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"))
                .isEqualTo(6.1);
        assertThat(CvssScore.baseScore("CVSS_V3", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"))
                .isEqualTo(7.5);
        assertThat(CvssScore.baseScore("CVSS_V3", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N"))
                .isEqualTo(3.3);
        assertThat(CvssScore.baseScore("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"))
                .isEqualTo(0.0);
        // v4.0 through the specification's macrovector table
        assertThat(CvssScore.baseScore("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
                .isEqualTo(9.3);
        assertThat(CvssScore.baseScore("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
                .isEqualTo(8.7);
        assertThat(CvssScore.baseScore("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N"))
                .isEqualTo(0.0);
        assertThat(CvssScore.baseScore("CVSS_V2", "AV:N/AC:L/Au:N/C:P/I:P/A:P")).isEqualTo(7.5);
        // a vector of another version than its type says, an undefined value, a truncated vector: no score
        assertThat(CvssScore.baseScore("CVSS_V3", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
                .isEqualTo(-1);
        assertThat(CvssScore.baseScore("CVSS_V3", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                .isEqualTo(-1);
        assertThat(CvssScore.baseScore("CVSS_V4", "CVSS:4.0/AV:N")).isEqualTo(-1);
        assertThat(VulnSeverity.ofScore(9.8)).isEqualTo(VulnSeverity.CRITICAL);
        assertThat(VulnSeverity.ofScore(6.1)).isEqualTo(VulnSeverity.MEDIUM);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static AffectedRanges.Verdict eval(String events, String versions, String v) throws Exception {
        return AffectedRanges.evaluate(
                AffectedRanges.encode(JSON.readTree("[{\"type\": \"ECOSYSTEM\", \"events\": " + events + "}]")),
                versions == null ? null : AffectedRanges.encodeVersions(JSON.readTree(versions)),
                v,
                VersionScheme.DPKG);
    }

    @Test
    void rangesOpenAtIntroducedAndCloseAtFixedOrAfterLastAffected() throws Exception {
        String fixed = "[{\"fixed\": \"1.5-1\"}, {\"introduced\": \"1.0-1\"}]"; // unsorted on purpose
        assertThat(eval(fixed, null, "0.9-1").affected()).isFalse();
        assertThat(eval(fixed, null, "1.0-1")).isEqualTo(new AffectedRanges.Verdict(true, "1.5-1"));
        assertThat(eval(fixed, null, "1.5~rc1-1").affected()).isTrue(); // ~ sorts before the release
        assertThat(eval(fixed, null, "1.5-1").affected()).isFalse();
        String last = "[{\"introduced\": \"0\"}, {\"last_affected\": \"2.0-1\"}]";
        assertThat(eval(last, null, "2.0-1")).isEqualTo(new AffectedRanges.Verdict(true, null));
        assertThat(eval(last, null, "2.0-2").affected()).isFalse();
        String twice = "[{\"introduced\": \"1\"}, {\"fixed\": \"2\"}, {\"introduced\": \"3\"}, {\"fixed\": \"4\"}]";
        assertThat(eval(twice, null, "2.5").affected()).isFalse();
        assertThat(eval(twice, null, "3.1")).isEqualTo(new AffectedRanges.Verdict(true, "4"));
        assertThat(eval("[]", "[\"7.1-1\"]", "7.1-1").affected()).isTrue();
        assertThat(eval("[]", "[\"7.1-1\"]", "7.1-2").affected()).isFalse();
        // GIT ranges name commits: not kept; a version with a tab cannot be stored
        assertThat(AffectedRanges.encode(JSON.readTree("[{\"type\": \"GIT\", \"events\": [{\"introduced\": \"0\"}]}]")))
                .isEmpty();
        assertThat(AffectedRanges.encode(
                        JSON.readTree("[{\"type\": \"ECOSYSTEM\", \"events\": [{\"fixed\": \"1\\t2\"}]}]")))
                .isNull();
    }
}
