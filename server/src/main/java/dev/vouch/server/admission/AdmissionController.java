package dev.vouch.server.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.ImageRef;
import dev.vouch.kube.Manifests;
import dev.vouch.kube.PodSpecChecks;
import dev.vouch.report.Finding;
import dev.vouch.report.Severity;
import dev.vouch.server.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers Kubernetes {@code admission.k8s.io/v1} AdmissionReview requests (<a
 * href="https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/">dynamic admission
 * control</a>) for Pods and every workload that holds a pod spec: each container, init container and ephemeral
 * container image is resolved to a digest and judged by the policy its namespace and name map to; the pod spec is
 * checked too (K8S001-K8S010). The mutating answer adds a JSONPatch (RFC 6902) that pins each admitted image to the
 * digest that was judged. Images that cannot be judged before the deadline follow the failure policy.
 */
public final class AdmissionController {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_WARNING = 256;

    private final PolicyMap policies;
    private final ImageJudge judge;
    private final FailurePolicy failure;
    private final Duration timeout;
    private final Map<PolicyRule.Trust, TagTrust> trust;
    private final java.util.concurrent.Executor trustThreads;
    private final Metrics metrics;

    public AdmissionController(
            PolicyMap policies, ImageJudge judge, FailurePolicy failure, Duration timeout, Metrics metrics) {
        this(policies, judge, failure, timeout, metrics, Map.of(), Runnable::run);
    }

    /**
     * @param trust how each kind of signature a rule can require is checked ({@code trust: dct|notation})
     * @param trustThreads where those lookups run, so the request waits for them only until its deadline
     */
    public AdmissionController(
            PolicyMap policies,
            ImageJudge judge,
            FailurePolicy failure,
            Duration timeout,
            Metrics metrics,
            Map<PolicyRule.Trust, TagTrust> trust,
            java.util.concurrent.Executor trustThreads) {
        this.policies = policies;
        this.judge = judge;
        this.failure = failure;
        this.timeout = timeout;
        this.metrics = metrics;
        this.trust = Map.copyOf(trust);
        this.trustThreads = trustThreads;
    }

    /** One image of the pod spec: where it is (a JSON pointer) and what it names. */
    record Container(String pointer, String name, String image) {}

    /** Answers an AdmissionReview; {@code mutate} adds the pinning patch. */
    public ObjectNode review(JsonNode review, boolean mutate) {
        long t0 = System.nanoTime();
        if (!review.path("apiVersion").asText().equals("admission.k8s.io/v1")
                || !review.path("kind").asText().equals("AdmissionReview")) {
            throw new InvalidInputException("request body: not an admission.k8s.io/v1 AdmissionReview");
        }
        JsonNode request = review.path("request");
        String uid = request.path("uid").asText("");
        if (uid.isEmpty()) {
            throw new InvalidInputException("request body: AdmissionReview without request.uid");
        }
        ObjectNode response = F.objectNode();
        response.put("uid", uid);
        JsonNode object = request.path("object");
        String pointer = object.isObject() ? Manifests.podSpecPointer(object) : null;
        JsonNode spec = pointer == null ? null : object.at(pointer);
        if (spec == null || !spec.isObject()) {
            response.put("allowed", true); // nothing that runs (a DELETE, a kind without a pod spec)
            return wrap(response, "allowed", t0);
        }
        String namespace = request.path("namespace")
                .asText(object.path("metadata").path("namespace").asText(""));
        List<Container> containers = containers(spec, pointer);
        List<String> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<ObjectNode> patch = new ArrayList<>();
        Map<Container, PolicyRule> rules = new LinkedHashMap<>();
        Map<Container, CompletableFuture<Judgement>> pending = new LinkedHashMap<>();
        Map<Container, Judgement> judged = new LinkedHashMap<>();
        for (Container c : containers) {
            PolicyRule rule = policies.match(namespace, c.image());
            rules.put(c, rule);
            if (rule.policy().equals(PolicyRule.ALLOW)) {
                continue;
            }
            Judgement known = judge.known(c.image(), rule.policy());
            if (known != null) {
                judged.put(c, known);
            } else {
                pending.put(c, judge.judge(c.image(), rule.policy()));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (var e : pending.entrySet()) {
            Container c = e.getKey();
            try {
                judged.put(c, e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException x) {
                notJudged(c, "not judged within " + timeout.toMillis() + " ms", rules.get(c), denials, warnings);
            } catch (ExecutionException x) {
                notJudged(c, ImageJudge.oneLine(x.getCause()), rules.get(c), denials, warnings);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                notJudged(c, "interrupted", rules.get(c), denials, warnings);
            }
        }
        // content trust, where a rule asks for it: the tag signed for the digest judged, within the same deadline
        Map<Container, CompletableFuture<String>> trusted = new LinkedHashMap<>();
        for (var e : judged.entrySet()) {
            PolicyRule.Trust kind = rules.get(e.getKey()).trust();
            if (kind != PolicyRule.Trust.NONE) {
                String image = e.getKey().image();
                String digest = e.getValue().digest();
                TagTrust check = trust.getOrDefault(kind, TagTrust.NOT_CONFIGURED);
                trusted.put(
                        e.getKey(),
                        CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        return check.untrusted(image, digest);
                                    } catch (Exception x) {
                                        throw new java.util.concurrent.CompletionException(x);
                                    }
                                },
                                trustThreads));
            }
        }
        for (var e : trusted.entrySet()) {
            Container c = e.getKey();
            PolicyRule rule = rules.get(c);
            String why;
            try {
                why = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException x) {
                notJudged(c, "content trust not checked within " + timeout.toMillis() + " ms", rule, denials, warnings);
                judged.remove(c);
                continue;
            } catch (ExecutionException x) {
                notJudged(c, "content trust not checked: " + ImageJudge.oneLine(x.getCause()), rule, denials, warnings);
                judged.remove(c);
                continue;
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                notJudged(c, "interrupted", rule, denials, warnings);
                judged.remove(c);
                continue;
            }
            if (why != null) {
                String msg = "image " + c.image() + " in container " + c.name() + ": " + why;
                if (rule.mode() == AdmissionMode.ENFORCE) {
                    denials.add(msg);
                } else {
                    warnings.add("would deny " + msg);
                }
            }
        }
        for (var e : judged.entrySet()) {
            Container c = e.getKey();
            Judgement j = e.getValue();
            PolicyRule rule = rules.get(c);
            String what = "image " + c.image() + " (" + shortDigest(j.digest()) + ") in container " + c.name();
            if (j.denied()) {
                String msg = what + ": policy " + rule.policy() + " denies: " + String.join("; ", j.denials());
                if (rule.mode() == AdmissionMode.ENFORCE) {
                    denials.add(msg);
                } else {
                    warnings.add("would deny " + msg);
                }
            }
            j.warnings().forEach(w -> warnings.add(what + ": " + w));
            if (!isPinned(c.image())) {
                // a rule with content trust keeps the tag (name:tag@digest), so the admission of the patched pod can
                // look the tag's signature up again
                patch.add(replace(
                        c.pointer() + "/image",
                        rule.trust() == PolicyRule.Trust.DCT
                                ? pinnedKeepingTag(c.image(), j.digest())
                                : pinned(c.image(), j.digest())));
            }
        }
        // the pod spec's own checks, under the strictest pod-check mode of its containers' rules
        PodCheckMode podMode = containers.isEmpty()
                ? policies.match(namespace, "").podChecks()
                : rules.values().stream()
                        .map(PolicyRule::podChecks)
                        .min(Enum::compareTo)
                        .orElse(PodCheckMode.OFF);
        AdmissionMode podAdmission = rules.values().stream()
                .map(PolicyRule::mode)
                .min(Enum::compareTo)
                .orElse(AdmissionMode.ENFORCE);
        if (podMode != PodCheckMode.OFF) {
            String kind = object.path("kind").asText();
            for (Finding f : PodSpecChecks.check(spec, kind + " " + namespace + "/" + name(object))) {
                if (f.id().equals("K8S010")) {
                    continue; // unpinned images: the mutating answer pins them, the judgement used the digest
                }
                String msg = "[" + f.id() + "] " + f.message();
                boolean high = f.severity() == Severity.CRITICAL || f.severity() == Severity.HIGH;
                if (high && podMode == PodCheckMode.DENY && podAdmission == AdmissionMode.ENFORCE) {
                    denials.add("pod spec: " + msg);
                } else if (high && podMode == PodCheckMode.DENY) {
                    warnings.add("would deny pod spec: " + msg);
                } else {
                    warnings.add(f.severity().name().toLowerCase(Locale.ROOT) + ": " + msg);
                }
            }
        }
        boolean allowed = denials.isEmpty();
        response.put("allowed", allowed);
        if (!allowed) {
            ObjectNode status = response.putObject("status");
            status.put("code", 403);
            status.put("reason", "Forbidden");
            status.put("message", "vouch: " + String.join(" | ", denials));
        }
        if (!warnings.isEmpty()) {
            ArrayNode w = response.putArray("warnings");
            warnings.forEach(s -> w.add(s.length() > MAX_WARNING ? s.substring(0, MAX_WARNING - 1) + "…" : s));
        }
        if (mutate && allowed && !patch.isEmpty()) {
            ArrayNode ops = F.arrayNode();
            patch.forEach(ops::add);
            response.put("patchType", "JSONPatch");
            response.put(
                    "patch", Base64.getEncoder().encodeToString(ops.toString().getBytes(StandardCharsets.UTF_8)));
        }
        String decision = !allowed ? "denied" : warnings.isEmpty() ? "allowed" : "warned";
        return wrap(response, decision, t0);
    }

    private void notJudged(Container c, String why, PolicyRule rule, List<String> denials, List<String> warnings) {
        String msg = "image " + c.image() + " in container " + c.name() + " could not be judged: " + why;
        metrics.count("vouch_admission_unjudged_total", "Images that could not be judged in time", "");
        if (failure == FailurePolicy.CLOSED && rule.mode() == AdmissionMode.ENFORCE) {
            denials.add(msg + " (failure policy: closed)");
        } else {
            warnings.add(msg + " (admitted: failure policy " + failure.name().toLowerCase(Locale.ROOT)
                    + (rule.mode() == AdmissionMode.WARN ? ", warn mode" : "") + ")");
        }
    }

    private ObjectNode wrap(ObjectNode response, String decision, long t0) {
        ObjectNode out = F.objectNode();
        out.put("apiVersion", "admission.k8s.io/v1");
        out.put("kind", "AdmissionReview");
        out.set("response", response);
        metrics.count("vouch_admission_requests_total", "Admission reviews answered", "decision=\"" + decision + "\"");
        metrics.observe("vouch_admission_duration_seconds", "How long admission reviews took", System.nanoTime() - t0);
        return out;
    }

    static List<Container> containers(JsonNode spec, String pointer) {
        List<Container> out = new ArrayList<>();
        for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
            JsonNode list = spec.path(field);
            for (int i = 0; i < list.size(); i++) {
                JsonNode c = list.get(i);
                String image = c.path("image").asText("");
                if (!image.isEmpty()) {
                    out.add(new Container(
                            pointer + "/" + field + "/" + i, c.path("name").asText("#" + i), image));
                }
            }
        }
        return out;
    }

    private static String name(JsonNode object) {
        JsonNode m = object.path("metadata");
        return m.path("name").asText(m.path("generateName").asText("?"));
    }

    private static boolean isPinned(String image) {
        return image.contains("@sha256:") || image.contains("@sha512:");
    }

    /** The image as written, its tag replaced by the digest: {@code name@sha256:…}. */
    static String pinnedKeepingTag(String image, String digest) {
        ImageRef.parse(image + "@" + digest); // the result must be a valid reference
        return image + "@" + digest;
    }

    static String pinned(String image, String digest) {
        String name = image;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            name = name.substring(0, colon);
        }
        ImageRef.parse(name + "@" + digest); // the result must be a valid reference
        return name + "@" + digest;
    }

    private static ObjectNode replace(String path, String value) {
        ObjectNode op = F.objectNode();
        op.put("op", "replace");
        op.put("path", path);
        op.put("value", value);
        return op;
    }

    private static String shortDigest(String d) {
        return d.length() > 19 ? d.substring(0, 19) : d;
    }
}
