package dev.vouch.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.audit.LookAlikeNames;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The runtime checks of a Kubernetes pod spec (<a href="https://kubernetes.io/docs/concepts/security/pod-security-standards/">Pod
 * Security Standards</a>, CIS Kubernetes Benchmark section 5): privileged containers, privilege escalation, added
 * capabilities, host namespaces, hostPath mounts of the node's root, /etc or a container runtime socket, writable
 * hostPath mounts, root users, writable root filesystems, missing limits, unpinned or look-alike images. Rule ids
 * K8S001-K8S011 (docs/manifests.md).
 */
public final class PodSpecChecks {
    private static final Set<String> DANGEROUS_CAPS =
            Set.of("ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH");
    private static final Set<String> SOCKETS = Set.of(
            "/var/run/docker.sock",
            "/run/docker.sock",
            "/run/containerd/containerd.sock",
            "/var/run/containerd/containerd.sock",
            "/var/run/crio/crio.sock",
            "/run/crio/crio.sock");

    private PodSpecChecks() {}

    /**
     * The findings of one pod spec.
     *
     * @param where names the object in messages ({@code deploy.yaml: Deployment web})
     */
    public static List<Finding> check(JsonNode spec, String where) {
        List<Finding> out = new ArrayList<>();
        for (String ns : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (spec.path(ns).asBoolean(false)) {
                out.add(f("K8S005", Severity.HIGH, where + ": " + ns + " shares the node's namespace with the pod"));
            }
        }
        JsonNode podSecurity = spec.path("securityContext");
        java.util.Map<String, JsonNode> hostPaths = new java.util.HashMap<>();
        for (JsonNode v : spec.path("volumes")) {
            String path = v.path("hostPath").path("path").asText(null);
            if (path == null) {
                continue;
            }
            hostPaths.put(v.path("name").asText(""), v);
            String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (p.equals("/")
                    || p.equals("/etc")
                    || p.startsWith("/etc/")
                    || SOCKETS.contains(p)
                    || p.equals("/var/run")
                    || p.equals("/run")) {
                out.add(f(
                        "K8S004",
                        Severity.HIGH,
                        where + ": volume " + v.path("name").asText() + " mounts the node's " + path));
            }
        }
        for (String kind : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (JsonNode c : spec.path(kind)) {
                container(
                        c,
                        where + " " + kind.replace("Containers", " container").replace("containers", "container") + " "
                                + c.path("name").asText("?"),
                        podSecurity,
                        hostPaths,
                        kind.equals("ephemeralContainers"),
                        out);
            }
        }
        return out;
    }

    private static void container(
            JsonNode c,
            String where,
            JsonNode pod,
            java.util.Map<String, JsonNode> hostPaths,
            boolean ephemeral,
            List<Finding> out) {
        JsonNode sc = c.path("securityContext");
        if (sc.path("privileged").asBoolean(false)) {
            out.add(f("K8S001", Severity.HIGH, where + ": privileged: the container is root on the node"));
        }
        if (!sc.path("allowPrivilegeEscalation").isBoolean()
                || sc.path("allowPrivilegeEscalation").asBoolean()) {
            out.add(f(
                    "K8S002",
                    Severity.MEDIUM,
                    where + ": allowPrivilegeEscalation is not false (setuid binaries can gain privileges)"));
        }
        for (JsonNode cap : sc.path("capabilities").path("add")) {
            String name = cap.asText().toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", "");
            out.add(f(
                    "K8S003",
                    DANGEROUS_CAPS.contains(name) ? Severity.HIGH : Severity.MEDIUM,
                    where + ": adds the capability " + name));
        }
        if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
            out.add(f("K8S006", Severity.LOW, where + ": readOnlyRootFilesystem is not set"));
        }
        JsonNode runAsUser = sc.has("runAsUser") ? sc.path("runAsUser") : pod.path("runAsUser");
        boolean nonRoot = sc.has("runAsNonRoot")
                ? sc.path("runAsNonRoot").asBoolean()
                : pod.path("runAsNonRoot").asBoolean(false);
        if (runAsUser.isNumber() && runAsUser.asLong() == 0) {
            out.add(f("K8S007", Severity.HIGH, where + ": runs as uid 0 (runAsUser: 0)"));
        } else if (!nonRoot && !(runAsUser.isNumber() && runAsUser.asLong() > 0)) {
            out.add(f(
                    "K8S007",
                    Severity.MEDIUM,
                    where + ": runAsNonRoot is not set: the image's user (often root) decides"));
        }
        if (!ephemeral
                && (!c.path("resources").path("limits").has("memory")
                        || !c.path("resources").path("limits").has("cpu"))) {
            out.add(f("K8S008", Severity.LOW, where + ": no cpu and memory limits"));
        }
        for (JsonNode m : c.path("volumeMounts")) {
            JsonNode v = hostPaths.get(m.path("name").asText());
            if (v != null && !m.path("readOnly").asBoolean(false)) {
                out.add(f(
                        "K8S009",
                        Severity.MEDIUM,
                        where + ": mounts host path "
                                + v.path("hostPath").path("path").asText() + " writable at "
                                + m.path("mountPath").asText() + " (readOnly: true would do for reading)"));
            }
        }
        String image = c.path("image").asText("");
        if (image.isEmpty()) {
            return;
        }
        if (!image.contains("@sha256:")) {
            out.add(f(
                    "K8S010", Severity.LOW, where + ": image " + image + " is not pinned by digest (a tag can move)"));
        }
        LookAlikeNames.check(image)
                .ifPresent(
                        l -> out.add(new Finding(l.id(), l.severity(), where + ": " + l.message(), Location.image())));
    }

    static Finding f(String id, Severity s, String message) {
        return new Finding(id, s, message, Location.image());
    }
}
