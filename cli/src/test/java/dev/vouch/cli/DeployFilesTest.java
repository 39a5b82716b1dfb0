package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployment files pass vouch's own checks and say what issue 8 asks of them. */
class DeployFilesTest {
    static final Path MANIFESTS = Path.of("../deploy/kubernetes/vouch.yaml");
    static final Path DOCKERFILE = Path.of("../deploy/Dockerfile");

    @Test
    void manifestsHaveNoFindingsAndConfigureTheWebhooksAsRequired() throws Exception {
        Cli.Result r = Cli.run("manifests", MANIFESTS.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("0 finding(s)");
        List<JsonNode> docs = dev.vouch.io.Yaml.documents(Files.readAllBytes(MANIFESTS), "vouch.yaml", 50);
        JsonNode deployment = docs.stream()
                .filter(d -> d.path("kind").asText().equals("Deployment"))
                .findFirst()
                .orElseThrow();
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment
                        .at("/spec/template/spec/securityContext/runAsUser")
                        .asInt())
                .isGreaterThan(60000);
        assertThat(docs.stream().map(d -> d.path("kind").asText()))
                .contains("Service", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");
        for (JsonNode d : docs) {
            if (d.path("kind").asText().endsWith("WebhookConfiguration")) {
                JsonNode w = d.path("webhooks").get(0);
                assertThat(w.path("failurePolicy").asText()).isEqualTo("Fail");
                assertThat(w.path("timeoutSeconds").asInt()).isEqualTo(10);
                assertThat(w.at("/namespaceSelector/matchExpressions/0/operator")
                                .asText())
                        .isEqualTo("NotIn");
                assertThat(w.at("/namespaceSelector/matchExpressions/0/values").toString())
                        .contains("vouch-system");
                assertThat(w.at("/clientConfig/service/path").asText()).isIn("/validate", "/mutate");
            }
        }
    }

    @Test
    void dockerfileIsCleanPinnedAndRunsAsAHighUid() throws Exception {
        Cli.Result r = Cli.run("dockerfile", DOCKERFILE.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("deploy/Dockerfile: no findings");
        String text = Files.readString(DOCKERFILE);
        // one stage on BASE, whose default is distroless Java pinned by digest (make-image.sh passes its own)
        assertThat(text.lines().filter(l -> l.startsWith("FROM ")).toList()).containsExactly("FROM ${BASE}");
        assertThat(text.lines().filter(l -> l.startsWith("ARG BASE=")).toList())
                .singleElement()
                .satisfies(l -> assertThat(l).contains("distroless").containsPattern("@sha256:[0-9a-f]{64}$"));
        assertThat(text).contains("USER 65532:65532");
        // an unpinned BASE is what the audit catches
        Cli.Result unpinned = Cli.run("dockerfile", "--build-arg", "BASE=debian:12", DOCKERFILE.toString());
        assertThat(unpinned.out()).contains("[DF001]");
    }
}
