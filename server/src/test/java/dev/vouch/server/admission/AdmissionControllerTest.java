package dev.vouch.server.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.Json;
import dev.vouch.server.Metrics;
import dev.vouch.server.TestReports;
import dev.vouch.server.store.ServerStore;
import dev.vouch.server.work.Clock;
import dev.vouch.server.work.ImageChecker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission logic with a fake checker and resolver (the HTTPS server, a real registry and real checks are in the
 * command line's ServeCommandTest): which images are judged by which policy, what is denied, warned, pinned, cached,
 * and what happens when an image cannot be judged in time.
 */
class AdmissionControllerTest {
    static final String GOOD = "sha256:" + "6".repeat(64);
    static final String BAD = "sha256:" + "b".repeat(64);

    @TempDir
    Path dir;

    ServerStore store;
    ExecutorService pool;
    Metrics metrics;
    final AtomicInteger checks = new AtomicInteger();
    final AtomicInteger resolves = new AtomicInteger();
    volatile long checkMillis;

    @BeforeEach
    void open() {
        store = ServerStore.open(dir.resolve("s.sqlite").toString());
        pool = Executors.newFixedThreadPool(4);
        metrics = new Metrics();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        store.close();
    }

    AdmissionController controller(PolicyMap map, FailurePolicy failure, Duration timeout) throws Exception {
        ImageChecker checker = ref -> {
            checks.incrementAndGet();
            Thread.sleep(checkMillis);
            String digest = ref.substring(ref.indexOf('@') + 1);
            return new ImageChecker.Checked(
                    TestReports.report(digest, digest.equals(BAD)), "{}", "<html></html>", null);
        };
        DigestResolver resolver = image -> {
            resolves.incrementAndGet();
            if (image.startsWith("unreachable.example")) {
                throw new java.net.ConnectException("Connection refused");
            }
            return image.contains("bad") ? BAD : GOOD;
        };
        ImageJudge judge = new ImageJudge(
                store,
                checker,
                resolver,
                new VerdictCache(60_000, 1000, Clock.SYSTEM),
                metrics,
                pool,
                Clock.SYSTEM,
                30_000,
                "test",
                Map.of("baseline", dev.vouch.policy.Policies.load("baseline")));
        return new AdmissionController(
                map, judge, failure, timeout, metrics, Map.of(PolicyRule.Trust.DCT, trust), pool);
    }

    /** Docker Content Trust as the fake Notary server sees it: only team/app:1.0 is signed, for GOOD. */
    final AtomicInteger trustAsked = new AtomicInteger();

    final TagTrust trust = (image, digest) -> {
        trustAsked.incrementAndGet();
        if (!image.startsWith("registry.example:5000/team/app:1.0")) {
            return "Docker Content Trust: no trust data for tag of " + image;
        }
        return digest.equals(GOOD) ? null : "Docker Content Trust: signs " + GOOD + ", not " + digest;
    };

    static PolicyMap defaults(AdmissionMode mode, PodCheckMode pods) {
        return new PolicyMap(List.of(), new PolicyRule(List.of(), List.of(), "baseline", mode, pods));
    }

    static JsonNode review(String namespace, String object) {
        return Json.tree(
                ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"705ab4f5\","
                                + "\"operation\":\"CREATE\",\"namespace\":\"" + namespace + "\",\"object\":" + object
                                + "}}")
                        .getBytes(StandardCharsets.UTF_8),
                "review");
    }

    static String pod(String... images) {
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < images.length; i++) {
            c.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"c")
                    .append(i)
                    .append("\",\"image\":\"")
                    .append(images[i])
                    .append(
                            "\",\"securityContext\":{\"runAsNonRoot\":true,\"allowPrivilegeEscalation\":false,"
                                    + "\"readOnlyRootFilesystem\":true},\"resources\":{\"limits\":{\"cpu\":\"1\",\"memory\":\"1Gi\"}}}");
        }
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[" + c
                + "]}}";
    }

    /** Applies the replace operations of a JSON patch (all the webhook sends). */
    static JsonNode patched(JsonNode object, JsonNode response) {
        JsonNode ops =
                Json.tree(Base64.getDecoder().decode(response.path("patch").asText()), "patch");
        JsonNode copy = object.deepCopy();
        for (JsonNode op : ops) {
            assertThat(op.path("op").asText()).isEqualTo("replace");
            String path = op.path("path").asText();
            int slash = path.lastIndexOf('/');
            ((ObjectNode) copy.at(path.substring(0, slash)))
                    .put(path.substring(slash + 1), op.path("value").asText());
        }
        return copy;
    }

    @Test
    void aGoodImageIsAdmittedAndPinnedABadOneDeniedWithItsRules() throws Exception {
        AdmissionController c = controller(
                defaults(AdmissionMode.ENFORCE, PodCheckMode.WARN), FailurePolicy.CLOSED, Duration.ofSeconds(5));
        JsonNode req =
                review("prod", pod("registry.example:5000/team/app:1.0", "registry.example:5000/team/app@" + GOOD));
        JsonNode r = c.review(req, true).path("response");
        assertThat(r.path("uid").asText()).isEqualTo("705ab4f5");
        assertThat(r.path("allowed").asBoolean()).isTrue();
        assertThat(r.path("patchType").asText()).isEqualTo("JSONPatch");
        JsonNode after = patched(req.path("request").path("object"), r);
        assertThat(after.at("/spec/containers/0/image").asText()).isEqualTo("registry.example:5000/team/app@" + GOOD);
        assertThat(after.at("/spec/containers/1/image").asText()).isEqualTo("registry.example:5000/team/app@" + GOOD);
        assertThat(Json.tree(Base64.getDecoder().decode(r.path("patch").asText()), "patch"))
                .hasSize(1);
        assertThat(r.has("warnings")).isFalse();
        // validating only: no patch
        assertThat(c.review(req, false).path("response").has("patch")).isFalse();

        JsonNode bad = c.review(review("prod", pod("registry.example:5000/team/bad:2")), true)
                .path("response");
        assertThat(bad.path("allowed").asBoolean()).isFalse();
        assertThat(bad.has("patch")).isFalse();
        assertThat(bad.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(bad.path("status").path("message").asText())
                .isEqualTo("vouch: image registry.example:5000/team/bad:2 (sha256:bbbbbbbbbbbb) in container c0:"
                        + " policy baseline denies: not-root: the image runs as root");
    }

    @Test
    void aScaleOutCostsOneCheckAndOneResolution() throws Exception {
        AdmissionController c = controller(
                defaults(AdmissionMode.ENFORCE, PodCheckMode.OFF), FailurePolicy.CLOSED, Duration.ofSeconds(5));
        checkMillis = 300;
        List<java.util.concurrent.Future<JsonNode>> answers = new java.util.ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 100; i++) {
            answers.add(
                    clients.submit(() -> c.review(review("prod", pod("registry.example:5000/team/app:1.0")), true)));
        }
        for (var a : answers) {
            assertThat(a.get().path("response").path("allowed").asBoolean()).isTrue();
        }
        clients.shutdownNow();
        assertThat(checks.get()).isEqualTo(1);
        assertThat(resolves.get()).isLessThanOrEqualTo(8); // only those that asked before the first answer
        assertThat(metrics.text()).contains("vouch_admission_cache_total{result=\"hit\"}");
    }

    @Test
    void warnModeAndAllowRulesAdmit() throws Exception {
        PolicyMap map = new PolicyMap(
                List.of(
                        new PolicyRule(
                                List.of("kube-system"),
                                List.of(),
                                PolicyRule.ALLOW,
                                AdmissionMode.ENFORCE,
                                PodCheckMode.OFF),
                        new PolicyRule(
                                List.of("dev-*"),
                                List.of("*/team/*"),
                                "baseline",
                                AdmissionMode.WARN,
                                PodCheckMode.WARN)),
                new PolicyRule(List.of(), List.of(), "baseline", AdmissionMode.ENFORCE, PodCheckMode.WARN));
        AdmissionController c = controller(map, FailurePolicy.CLOSED, Duration.ofSeconds(5));
        JsonNode warn = c.review(review("dev-alice", pod("registry.example:5000/team/bad:2")), true)
                .path("response");
        assertThat(warn.path("allowed").asBoolean()).isTrue();
        assertThat(warn.path("warnings").get(0).asText())
                .isEqualTo("would deny image registry.example:5000/team/bad:2 (sha256:bbbbbbbbbbbb) in container c0:"
                        + " policy baseline denies: not-root: the image runs as root");
        // the same image outside the pattern: enforced
        assertThat(c.review(review("dev-alice", pod("registry.example:5000/other/bad:2")), true)
                        .at("/response/allowed")
                        .asBoolean())
                .isFalse();
        int before = resolves.get();
        JsonNode allowed = c.review(review("kube-system", pod("unreachable.example/x:1")), true)
                .path("response");
        assertThat(allowed.path("allowed").asBoolean()).isTrue();
        assertThat(allowed.has("patch")).isFalse();
        assertThat(resolves.get()).isEqualTo(before); // not even resolved
    }

    @Test
    void unreachableOrSlowImagesFollowTheFailurePolicy() throws Exception {
        AdmissionController closed = controller(
                defaults(AdmissionMode.ENFORCE, PodCheckMode.OFF), FailurePolicy.CLOSED, Duration.ofMillis(300));
        JsonNode r = closed.review(review("prod", pod("unreachable.example/x:1")), true)
                .path("response");
        assertThat(r.path("allowed").asBoolean()).isFalse();
        assertThat(r.at("/status/message").asText())
                .isEqualTo("vouch: image unreachable.example/x:1 in container c0 could not be judged: could not resolve"
                        + " its digest: Connection refused (failure policy: closed)");
        checkMillis = 1500;
        long t0 = System.nanoTime();
        JsonNode slow = closed.review(review("prod", pod("registry.example:5000/team/app:1")), true)
                .path("response");
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertThat(slow.path("allowed").asBoolean()).isFalse();
        assertThat(slow.at("/status/message").asText()).contains("could not be judged: not judged within 300 ms");
        assertThat(took).isLessThan(1200);
        // the check went on; once stored, the next request is answered
        Thread.sleep(1600);
        assertThat(closed.review(review("prod", pod("registry.example:5000/team/app:1")), true)
                        .at("/response/allowed")
                        .asBoolean())
                .isTrue();
        assertThat(checks.get()).isEqualTo(1);

        AdmissionController open = controller(
                defaults(AdmissionMode.ENFORCE, PodCheckMode.OFF), FailurePolicy.OPEN, Duration.ofMillis(300));
        JsonNode o = open.review(review("prod", pod("unreachable.example/x:1")), true)
                .path("response");
        assertThat(o.path("allowed").asBoolean()).isTrue();
        assertThat(o.path("warnings").get(0).asText()).endsWith("(admitted: failure policy open)");
    }

    @Test
    void podSpecChecksDenyOrWarn() throws Exception {
        String privileged =
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"},\"spec\":"
                        + "{\"template\":{\"spec\":{\"hostPID\":true,\"containers\":[{\"name\":\"main\",\"image\":"
                        + "\"registry.example:5000/team/app@" + GOOD
                        + "\",\"securityContext\":{\"privileged\":true}}]}}}}";
        AdmissionController deny = controller(
                defaults(AdmissionMode.ENFORCE, PodCheckMode.DENY), FailurePolicy.CLOSED, Duration.ofSeconds(5));
        JsonNode d = deny.review(review("prod", privileged), true).path("response");
        assertThat(d.path("allowed").asBoolean()).isFalse();
        assertThat(d.at("/status/message").asText())
                .contains("pod spec: [K8S001]")
                .contains("pod spec: [K8S005]");
        AdmissionController warn = controller(
                defaults(AdmissionMode.ENFORCE, PodCheckMode.WARN), FailurePolicy.CLOSED, Duration.ofSeconds(5));
        JsonNode w = warn.review(review("prod", privileged), true).path("response");
        assertThat(w.path("allowed").asBoolean()).isTrue();
        assertThat(w.path("warnings").toString())
                .contains("[K8S001]")
                .contains("[K8S005]")
                .doesNotContain("K8S010");
        // the hardened pod of the other tests: no pod warnings at all
        assertThat(warn.review(review("prod", pod("registry.example:5000/team/app@" + GOOD)), true)
                        .path("response")
                        .has("warnings"))
                .isFalse();
    }

    @Test
    void requestsThatAreNotReviewsAreRefusedAndDeletesAdmitted() throws Exception {
        AdmissionController c = controller(
                defaults(AdmissionMode.ENFORCE, PodCheckMode.WARN), FailurePolicy.CLOSED, Duration.ofSeconds(5));
        assertThatThrownBy(() -> c.review(Json.tree("{\"kind\":\"Pod\"}".getBytes(StandardCharsets.UTF_8), "x"), true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("request body: not an admission.k8s.io/v1 AdmissionReview");
        JsonNode del = Json.tree(
                "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"9\",\"operation\":\"DELETE\",\"object\":null}}"
                        .getBytes(StandardCharsets.UTF_8),
                "x");
        assertThat(c.review(del, true).at("/response/allowed").asBoolean()).isTrue();
        assertThat(resolves.get()).isZero();
    }

    @Test
    void policyMapFilesAreReadStrictly() {
        PolicyRule d = new PolicyRule(List.of(), List.of(), "baseline", AdmissionMode.ENFORCE, PodCheckMode.WARN);
        PolicyMap m = PolicyMap.read(
                "rules:\n  - namespaces: [kube-system]\n    policy: allow\n  - images: [\"ghcr.io/acme/*\"]\n    policy: strict\n    mode: warn\n"
                        .getBytes(StandardCharsets.UTF_8),
                "a.yaml",
                d);
        assertThat(m.match("kube-system", "x").policy()).isEqualTo("allow");
        assertThat(m.match("prod", "ghcr.io/acme/app:1"))
                .isEqualTo(new PolicyRule(
                        List.of(), List.of("ghcr.io/acme/*"), "strict", AdmissionMode.WARN, PodCheckMode.WARN));
        assertThat(m.match("prod", "ghcr.io/other/app:1")).isEqualTo(d);
        assertThatThrownBy(() ->
                        PolicyMap.read("rules:\n  - namespace: [x]\n".getBytes(StandardCharsets.UTF_8), "a.yaml", d))
                .hasMessageStartingWith("a.yaml: rules[0]: unknown key namespace");
        assertThatThrownBy(
                        () -> PolicyMap.read("rules:\n  - mode: loud\n".getBytes(StandardCharsets.UTF_8), "a.yaml", d))
                .hasMessage("a.yaml: rules[0].mode: loud is not one of [enforce, warn]");
    }

    @Test
    void aNamespaceThatRequiresContentTrustAdmitsOnlySignedTagsAndKeepsTheTag() throws Exception {
        PolicyMap map = PolicyMap.read(
                "rules:\n  - namespaces: [signed]\n    trust: dct\n".getBytes(StandardCharsets.UTF_8),
                "admission.yaml",
                new PolicyRule(List.of(), List.of(), "baseline", AdmissionMode.ENFORCE, PodCheckMode.WARN));
        assertThat(map.match("signed", "x").trust()).isEqualTo(PolicyRule.Trust.DCT);
        assertThat(map.match("other", "x").trust()).isEqualTo(PolicyRule.Trust.NONE);
        AdmissionController c = controller(map, FailurePolicy.CLOSED, Duration.ofSeconds(5));
        JsonNode req = review("signed", pod("registry.example:5000/team/app:1.0"));
        JsonNode ok = c.review(req, true).path("response");
        assertThat(ok.path("allowed").asBoolean()).as(ok.toString()).isTrue();
        // pinned with its tag kept, so the patched pod's tag can be looked up again
        assertThat(patched(req.path("request").path("object"), ok)
                        .at("/spec/containers/0/image")
                        .asText())
                .isEqualTo("registry.example:5000/team/app:1.0@" + GOOD);
        JsonNode unsigned = c.review(review("signed", pod("registry.example:5000/team/other:1")), true)
                .path("response");
        assertThat(unsigned.path("allowed").asBoolean()).isFalse();
        assertThat(unsigned.path("status").path("message").asText())
                .isEqualTo("vouch: image registry.example:5000/team/other:1 in container c0: Docker Content Trust: no"
                        + " trust data for tag of registry.example:5000/team/other:1");
        // the same unsigned image where the rule does not ask for trust: admitted, and trust is not asked
        int asked = trustAsked.get();
        assertThat(c.review(review("other", pod("registry.example:5000/team/other:1")), true)
                        .path("response")
                        .path("allowed")
                        .asBoolean())
                .isTrue();
        assertThat(trustAsked.get()).isEqualTo(asked);
        // podChecks: off as YAML 1.1 reads it (false) is off
        assertThat(PolicyMap.read(
                                "rules:\n  - podChecks: off\n".getBytes(StandardCharsets.UTF_8),
                                "admission.yaml",
                                new PolicyRule(
                                        List.of(), List.of(), "baseline", AdmissionMode.ENFORCE, PodCheckMode.WARN))
                        .rules()
                        .get(0)
                        .podChecks())
                .isEqualTo(PodCheckMode.OFF);
        // an unknown trust kind is an error at start
        assertThatThrownBy(() -> PolicyMap.read(
                        "rules:\n  - trust: notation-v9\n".getBytes(StandardCharsets.UTF_8),
                        "admission.yaml",
                        new PolicyRule(List.of(), List.of(), "baseline", AdmissionMode.ENFORCE, PodCheckMode.WARN)))
                .hasMessage("admission.yaml: rules[0].trust: notation-v9 is not one of [dct, notation, none]");
    }
}
