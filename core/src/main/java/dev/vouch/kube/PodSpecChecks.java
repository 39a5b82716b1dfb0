package dev.vouch.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.report.Finding;
import dev.vouch.runtime.Dialect;
import dev.vouch.runtime.Namespace;
import dev.vouch.runtime.RuntimeFinding;
import dev.vouch.runtime.RuntimeRules;
import dev.vouch.runtime.RuntimeSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A Kubernetes pod spec as the {@link RuntimeSpec} the runtime rules read (<a
 * href="https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec">PodSpec</a>): host
 * namespaces, hostPath volumes, and for each container, init container and ephemeral container its security context
 * (the pod's where the container sets nothing), limits, mounts, host ports and image.
 */
public final class PodSpecChecks {
    private PodSpecChecks() {}

    /**
     * The findings of one pod spec.
     *
     * @param where names the object in messages ({@code deploy.yaml: Deployment web})
     */
    public static List<Finding> check(JsonNode spec, String where) {
        return RuntimeRules.check(runtimeSpec(spec, where)).stream()
                .map(RuntimeFinding::finding)
                .toList();
    }

    /** The pod spec in the runtime rules' terms. */
    public static RuntimeSpec runtimeSpec(JsonNode spec, String where) {
        Set<Namespace> shared = EnumSet.noneOf(Namespace.class);
        if (spec.path("hostNetwork").asBoolean(false)) {
            shared.add(Namespace.NETWORK);
        }
        if (spec.path("hostPID").asBoolean(false)) {
            shared.add(Namespace.PID);
        }
        if (spec.path("hostIPC").asBoolean(false)) {
            shared.add(Namespace.IPC);
        }
        List<RuntimeSpec.HostVolume> volumes = new ArrayList<>();
        for (JsonNode v : spec.path("volumes")) {
            String path = v.path("hostPath").path("path").asText(null);
            if (path != null) {
                volumes.add(new RuntimeSpec.HostVolume(v.path("name").asText(""), path));
            }
        }
        JsonNode pod = spec.path("securityContext");
        List<RuntimeSpec.ContainerSpec> containers = new ArrayList<>();
        for (String kind : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (JsonNode c : spec.path(kind)) {
                String label = kind.replace("Containers", " container").replace("containers", "container");
                containers.add(container(
                        c,
                        where + " " + label + " " + c.path("name").asText("?"),
                        pod,
                        kind.equals("ephemeralContainers")));
            }
        }
        return new RuntimeSpec(where, Dialect.KUBERNETES, shared, volumes, containers);
    }

    private static RuntimeSpec.ContainerSpec container(JsonNode c, String where, JsonNode pod, boolean ephemeral) {
        JsonNode sc = c.path("securityContext");
        JsonNode runAsUser = sc.has("runAsUser") ? sc.path("runAsUser") : pod.path("runAsUser");
        boolean nonRoot = sc.has("runAsNonRoot")
                ? sc.path("runAsNonRoot").asBoolean()
                : pod.path("runAsNonRoot").asBoolean(false);
        List<String> caps = new ArrayList<>();
        sc.path("capabilities").path("add").forEach(n -> caps.add(n.asText()));
        List<RuntimeSpec.Mount> mounts = new ArrayList<>();
        for (JsonNode m : c.path("volumeMounts")) {
            mounts.add(new RuntimeSpec.Mount(
                    m.path("name").asText(),
                    m.path("mountPath").asText(),
                    m.path("readOnly").asBoolean(false),
                    m.path("mountPropagation").asText(null)));
        }
        List<RuntimeSpec.Port> ports = new ArrayList<>();
        for (JsonNode p : c.path("ports")) {
            if (p.path("hostPort").asInt(0) > 0) {
                ports.add(new RuntimeSpec.Port(
                        p.path("hostIP").asText(""),
                        p.path("hostPort").asInt(),
                        p.path("containerPort").asInt()));
            }
        }
        JsonNode limits = c.path("resources").path("limits");
        boolean escalationBlocked = sc.path("allowPrivilegeEscalation").isBoolean()
                && !sc.path("allowPrivilegeEscalation").asBoolean();
        return new RuntimeSpec.ContainerSpec(
                where,
                c.path("image").asText(""),
                ephemeral,
                sc.path("privileged").asBoolean(false),
                escalationBlocked,
                caps,
                sc.path("readOnlyRootFilesystem").asBoolean(false),
                runAsUser.isNumber() ? runAsUser.asLong() : null,
                nonRoot,
                limits.has("memory"),
                limits.has("cpu"),
                null,
                mounts,
                unconfined(sc, pod, "seccompProfile"),
                unconfined(sc, pod, "appArmorProfile"),
                ports,
                List.of(),
                null,
                null);
    }

    private static boolean unconfined(JsonNode container, JsonNode pod, String field) {
        JsonNode own = container.path(field).path("type");
        return "Unconfined"
                .equals(own.isMissingNode() ? pod.path(field).path("type").asText("") : own.asText());
    }
}
