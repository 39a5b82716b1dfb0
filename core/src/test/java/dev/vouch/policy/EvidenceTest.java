package dev.vouch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** A failed rule's evidence: the facts its expression reads, as compact JSON cut at 240 characters. */
class EvidenceTest {
    static final ObjectMapper M = new ObjectMapper();

    @Test
    void largeFactsAreWrittenOnlyAsFarAsShownAndReadTheSameAsWhole() throws Exception {
        ArrayNode vulns = M.createArrayNode();
        for (int i = 0; i < 5000; i++) {
            vulns.addObject().put("id", "SYN-" + i).put("package", "pkg" + i).put("fixAvailable", i % 2 == 0);
        }
        ObjectNode report = M.createObjectNode();
        report.putObject("facts").set("vulnerabilities", vulns);
        report.put("verdict", "fail");
        ObjectNode user = report.with("facts").putObject("user");
        user.put("name", "root").put("root", true);

        String whole = vulns.toString();
        assertThat(Policies.shortened(vulns, 240))
                .hasSizeLessThan(400)
                .isEqualTo(whole.substring(0, Policies.shortened(vulns, 240).length()));
        assertThat(Policies.evidence(
                        "report.facts.vulnerabilities.exists(v, v.fixAvailable) && report.facts.user.root", report))
                .isEqualTo("vulnerabilities=" + whole.substring(0, 239) + "…; user={\"name\":\"root\",\"root\":true}");
        // small values, objects and scalars: exactly their JSON
        for (JsonNode n : new JsonNode[] {
            user,
            M.createArrayNode(),
            M.createObjectNode(),
            vulns.get(0),
            M.getNodeFactory().textNode("a\"b")
        }) {
            assertThat(Policies.shortened(n, 240)).isEqualTo(n.toString());
        }
        assertThat(Policies.evidence("report.verdict == 'pass'", report)).isEqualTo("verdict=\"fail\"");
        assertThat(Policies.evidence("true", report)).isNull();
    }
}
