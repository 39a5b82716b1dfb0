package dev.vouch.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.Yaml;
import dev.vouch.report.Finding;
import dev.vouch.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the pod specs of Kubernetes objects (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
 * Job, CronJob, and List of them) and the services of compose files, and runs {@link PodSpecChecks} on each (compose
 * services are translated to the same checks: privileged, cap_add, network_mode/pid/ipc host, host volumes, user,
 * read_only).
 */
public final class Manifests {
    private static final int MAX_DOCUMENTS = 1000;

    private Manifests() {}

    /** The findings of every object in a YAML or JSON file. */
    public static List<Finding> check(byte[] file, String name) {
        List<Finding> out = new ArrayList<>();
        for (JsonNode doc : Yaml.documents(file, name, MAX_DOCUMENTS)) {
            if (doc.has("services") && !doc.has("kind")) {
                doc.path("services")
                        .properties()
                        .forEach(e -> out.addAll(compose(e.getValue(), name + ": service " + e.getKey())));
            } else {
                object(doc, name, out, 0);
            }
        }
        return out;
    }

    /** The pod spec of a workload, or null. */
    public static JsonNode podSpec(JsonNode o) {
        String pointer = podSpecPointer(o);
        return pointer == null ? null : o.at(pointer);
    }

    /**
     * Where an object of this kind holds its pod spec, as a JSON pointer (RFC 6901): what a JSON patch of the object
     * starts its paths with; null for kinds without one.
     */
    public static String podSpecPointer(JsonNode o) {
        return switch (o.path("kind").asText("")) {
            case "Pod" -> "/spec";
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job" ->
                "/spec/template/spec";
            case "CronJob" -> "/spec/jobTemplate/spec/template/spec";
            default -> null;
        };
    }

    private static void object(JsonNode o, String file, List<Finding> out, int depth) {
        if (o.path("kind").asText("").equals("List") && depth < 2) {
            for (JsonNode item : o.path("items")) {
                object(item, file, out, depth + 1);
            }
            return;
        }
        JsonNode spec = podSpec(o);
        if (spec != null && spec.isObject()) {
            out.addAll(PodSpecChecks.check(
                    spec,
                    file + ": " + o.path("kind").asText() + " "
                            + o.path("metadata").path("name").asText("?")));
        }
    }

    /** A compose service as the pod spec the same checks read. */
    private static List<Finding> compose(JsonNode s, String where) {
        com.fasterxml.jackson.databind.node.ObjectNode spec =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        spec.put("hostNetwork", "host".equals(s.path("network_mode").asText()));
        spec.put("hostPID", "host".equals(s.path("pid").asText()));
        spec.put("hostIPC", "host".equals(s.path("ipc").asText()));
        var c = spec.putArray("containers").addObject();
        c.put("name", "service");
        if (s.has("image")) {
            c.put("image", s.path("image").asText());
        }
        var sc = c.putObject("securityContext");
        sc.put("privileged", s.path("privileged").asBoolean(false));
        sc.put("allowPrivilegeEscalation", !s.path("security_opt").toString().contains("no-new-privileges"));
        sc.put("readOnlyRootFilesystem", s.path("read_only").asBoolean(false));
        String user = s.path("user").asText("");
        if (!user.isEmpty()) {
            String uid = user.split(":")[0];
            if (uid.matches("\\d+")) {
                sc.put("runAsUser", Long.parseLong(uid));
            } else if (!uid.equals("root")) {
                sc.put("runAsNonRoot", true);
            } else {
                sc.put("runAsUser", 0);
            }
        }
        var caps = sc.putObject("capabilities").putArray("add");
        s.path("cap_add").forEach(caps::add);
        if (s.path("deploy").path("resources").path("limits").has("memory")
                && s.path("deploy").path("resources").path("limits").has("cpus")) {
            c.putObject("resources").putObject("limits").put("memory", "set").put("cpu", "set");
        }
        var volumes = spec.putArray("volumes");
        var mounts = c.putArray("volumeMounts");
        int i = 0;
        for (JsonNode v : s.path("volumes")) {
            String source;
            String target;
            boolean ro;
            if (v.isTextual()) {
                String[] parts = v.asText().split(":");
                source = parts[0];
                target = parts.length > 1 ? parts[1] : parts[0];
                ro = parts.length > 2 && parts[2].contains("ro");
            } else {
                source = v.path("source").asText("");
                target = v.path("target").asText("");
                ro = v.path("read_only").asBoolean(false);
            }
            if (!source.startsWith("/") && !source.startsWith(".") && !source.startsWith("~")) {
                continue; // a named volume, not the host's files
            }
            String name = "v" + i++;
            volumes.addObject().put("name", name).putObject("hostPath").put("path", source);
            mounts.addObject().put("name", name).put("mountPath", target).put("readOnly", ro);
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : PodSpecChecks.check(spec, where)) {
            out.add(new Finding(
                    f.id(), f.severity(), f.message().replace(where + " container service", where), f.location()));
        }
        return out;
    }

    /** Whether any finding is high or critical. */
    public static boolean failing(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.HIGH || f.severity() == Severity.CRITICAL);
    }
}
