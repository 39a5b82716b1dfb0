package dev.vouch.server.admission;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.Fuzzing;
import dev.vouch.io.Json;
import dev.vouch.server.Metrics;
import dev.vouch.server.events.RegistryEvents;
import java.time.Duration;
import java.util.List;

/**
 * What {@code vouch serve} reads from the network and its operator: AdmissionReview bodies as the API server sends
 * them (the pod spec found in any workload kind, its containers, the pod checks, the pinning patch), registry
 * notification envelopes, and the admission rules file.
 */
class ServerBodiesFuzzTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** Every image allowed unchecked, so no network is touched; the pod spec's own checks still deny. */
    private static final AdmissionController ADMISSION = new AdmissionController(
            new PolicyMap(
                    List.of(),
                    new PolicyRule(List.of(), List.of(), PolicyRule.ALLOW, AdmissionMode.ENFORCE, PodCheckMode.DENY)),
            null,
            FailurePolicy.CLOSED,
            Duration.ofSeconds(1),
            new Metrics());

    @FuzzTest
    void admissionReview(FuzzedDataProvider data) {
        boolean mutate = data.consumeBoolean();
        byte[] body = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> {
            JsonNode review = Json.tree(body, "request body");
            ADMISSION.review(review, mutate);
            JsonNode object = review.path("request").path("object");
            String pointer = object.isObject() ? dev.vouch.kube.Manifests.podSpecPointer(object) : null;
            if (pointer != null && object.at(pointer).isObject()) {
                for (AdmissionController.Container c : AdmissionController.containers(object.at(pointer), pointer)) {
                    AdmissionController.pinned(c.image(), DIGEST);
                    AdmissionController.pinnedKeepingTag(c.image(), DIGEST);
                }
            }
        });
    }

    @FuzzTest
    void registryNotification(FuzzedDataProvider data) {
        String registry = data.pickValue(new String[] {"", "registry.example:5000"});
        byte[] body = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> {
            for (RegistryEvents.Push p : RegistryEvents.pushes(body, registry.isEmpty() ? null : registry)) {
                p.reference();
            }
        });
    }

    @FuzzTest
    void admissionRules(byte[] yaml) {
        Fuzzing.declared(() -> PolicyMap.read(
                yaml,
                "rules.yaml",
                new PolicyRule(List.of(), List.of(), "baseline", AdmissionMode.ENFORCE, PodCheckMode.WARN)));
    }
}
