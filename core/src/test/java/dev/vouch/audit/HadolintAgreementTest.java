package dev.vouch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vouch.SharedCorpora;
import dev.vouch.dockerfile.DockerfileParser;
import dev.vouch.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Agreement with hadolint's own rule cases ({@code ../shared/corpora/hadolint-rule-cases}): every case of a
 * hadolint rule that one of ours names as its equivalent, with hadolint's default configuration and no hadolint
 * pragma, is run through vouch; the rule must fire exactly where hadolint's must. ONBUILD variants use the
 * corpus's text rewrite ({@code ONBUILD RUN}).
 */
class HadolintAgreementTest {
    @Test
    void mappedRulesAgreeWithHadolintsCases() throws Exception {
        JsonNode cases = new ObjectMapper()
                .readTree(SharedCorpora.path("hadolint-rule-cases/hadolint_rule_cases.json")
                        .toFile());
        Map<String, String> ours = new TreeMap<>();
        for (AuditRule r : Rules.all()) {
            for (String h : r.hadolint()) {
                ours.put(h, r.id());
            }
        }
        Map<String, int[]> perRule = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        for (JsonNode c : cases) {
            String hadolint = c.path("rule").asText();
            String rule = ours.get(hadolint);
            String text = c.path("onbuild").asBoolean() && c.has("onbuild_equivalent_text")
                    ? c.path("onbuild_equivalent_text").asText()
                    : c.path("dockerfile_text").asText();
            if (rule == null || !c.path("config").asText().equals("def") || text.contains("hadolint ")) {
                continue;
            }
            boolean expected = c.path("expect_fire").asBoolean();
            List<Finding> fs =
                    DockerfileAudit.run(DockerfileParser.parse(text + "\n", "Dockerfile"), AuditOptions.defaults());
            boolean fired = fs.stream().anyMatch(f -> f.id().equals(rule));
            int[] n = perRule.computeIfAbsent(hadolint + "/" + rule, k -> new int[2]);
            n[1]++;
            if (fired == expected) {
                n[0]++;
            } else {
                disagreements.add(hadolint + "/" + rule + (expected ? " should fire: " : " should not fire: ")
                        + text.replace("\n", "\\n"));
            }
        }
        StringBuilder report = new StringBuilder();
        perRule.forEach((k, n) -> report.append(k)
                .append(' ')
                .append(n[0])
                .append('/')
                .append(n[1])
                .append('\n'));
        System.out.print(report);
        // DF011 asks whether the final image runs as root, DL3002 whether any stage ends with an explicit USER root:
        // a root builder stage does not ship (we stay silent), and a final stage with no USER does run as root (we
        // report it). Both differences are deliberate. DF127 does not judge a package word whose variable the
        // Dockerfile does not set in that stage: the base image may set it (hadolint takes it as empty). DF125 leaves
        // microdnf alone: it assumes yes by default (the official openjdk images run microdnf install without -y).
        assertThat(disagreements)
                .as(report.toString())
                .containsExactlyInAnyOrder(
                        "DL3002/DF011 should fire: FROM debian as base\\nUSER root\\nRUN something\\nFROM scratch\\nUSER foo\\n"
                                + "RUN something else\\n",
                        "DL3002/DF011 should not fire: FROM debian as base\\nUSER root\\nRUN something\\nUSER foo\\n"
                                + "FROM scratch\\nRUN something else\\n",
                        "DL3033/DF127 should fire: FROM fedora:fc42 AS build\\nENV version=2.51.0-2.fc42\\n"
                                + "FROM fedora:fc42\\nRUN yum -y install git-core-${version}\\n",
                        "DL3041/DF127 should fire: FROM fedora:fc42 AS build\\nENV version=2.51.0-2.fc42\\n"
                                + "FROM fedora:fc42\\nRUN dnf -y install git-core-${version}\\n",
                        "DL3038/DF125 should fire: RUN microdnf install httpd-2.4.24 && microdnf clean all",
                        "DL3038/DF125 should fire: ONBUILD RUN microdnf install httpd-2.4.24 && microdnf clean all");
        assertThat(perRule).hasSizeGreaterThanOrEqualTo(15);
    }
}
