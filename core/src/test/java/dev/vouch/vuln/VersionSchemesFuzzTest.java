package dev.vouch.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vouch.Fuzzing;
import dev.vouch.io.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every version scheme obeys the laws of an ordering on the versions it accepts (compare(a, a) is 0, swapping
 * the arguments swaps the sign, a ≤ b ≤ c gives a ≤ c) and never fails on a version it called valid; OSV and NVD
 * records of any shape are read or refused in one line.
 */
class VersionSchemesFuzzTest {
    static final List<VersionScheme> SCHEMES = List.of(
            VersionScheme.DPKG,
            VersionScheme.APK,
            VersionScheme.RPM,
            VersionScheme.PEP440,
            VersionScheme.MAVEN,
            VersionScheme.NPM,
            VersionScheme.GO,
            VersionScheme.GEM,
            VersionScheme.NUGET,
            VersionScheme.COMPOSER,
            VersionScheme.GENERIC);

    @FuzzTest
    void orderingLaws(FuzzedDataProvider data) {
        VersionScheme s = SCHEMES.get(data.consumeInt(0, SCHEMES.size() - 1));
        String a = data.consumeString(40);
        String b = data.consumeString(40);
        String c = data.consumeRemainingAsString();
        if (!s.isValid(a) || !s.isValid(b) || !s.isValid(c)) {
            return;
        }
        assertThat(s.compare(a, a)).as("%s: compare(%s, %s)", s, a, a).isZero();
        assertThat(Integer.signum(s.compare(a, b)))
                .as("%s: %s vs %s", s, a, b)
                .isEqualTo(-Integer.signum(s.compare(b, a)));
        if (s.compare(a, b) <= 0 && s.compare(b, c) <= 0) {
            assertThat(s.compare(a, c)).as("%s: %s <= %s <= %s", s, a, b, c).isLessThanOrEqualTo(0);
        }
    }

    @FuzzTest
    void osvRecord(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> OsvParser.parse(Json.tree(bytes, "record.json"), "record.json"));
    }

    @FuzzTest
    void nvdRecord(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> {
            Advisory a = NvdParser.parse(Json.tree(bytes, "cve.json"), "cve.json");
            for (Advisory.Affected x : a.affected()) {
                NvdConfigurations.evaluate(x.ranges(), Ecosystems.cpes(NvdFuzzPackages.python()), null);
            }
        });
    }

    @FuzzTest
    void nvdConfigurations(FuzzedDataProvider data) {
        String configurations = data.consumeRemainingAsString();
        Fuzzing.declared(
                () -> NvdConfigurations.evaluate(configurations, Ecosystems.cpes(NvdFuzzPackages.python()), null));
    }

    @FuzzTest
    void nvdFeed(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> NvdFeeds.read(new java.io.ByteArrayInputStream(bytes), "feed.json", a -> {}));
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
