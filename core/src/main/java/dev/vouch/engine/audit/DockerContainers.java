package dev.vouch.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.runtime.Dialect;
import dev.vouch.runtime.Namespace;
import dev.vouch.runtime.RuntimeSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Docker container as the {@link RuntimeSpec} the runtime rules read, from {@code docker inspect} (<a
 * href="https://docs.docker.com/reference/api/engine/version/v1.41/#tag/Container/operation/ContainerInspect">ContainerInspect</a>):
 * {@code HostConfig} for privileges, namespaces, limits, devices, ports and restart policy, {@code Mounts} for bind
 * mounts, {@code Config.User} (the image's user unless overridden; empty is root) and {@code State.Health}.
 */
public final class DockerContainers {
    private DockerContainers() {}

    /** The container's name as {@code docker ps} shows it. */
    public static String name(JsonNode inspect) {
        return inspect.path("Name").asText("?").replaceFirst("^/", "");
    }

    /**
     * @param daemonNoNewPrivileges whether the daemon sets no-new-privileges for every container
     */
    public static RuntimeSpec spec(JsonNode inspect, boolean daemonNoNewPrivileges) {
        JsonNode host = inspect.path("HostConfig");
        String where = "container " + name(inspect);
        Set<Namespace> shared = EnumSet.noneOf(Namespace.class);
        if (host.path("NetworkMode").asText("").equals("host")) {
            shared.add(Namespace.NETWORK);
        }
        if (host.path("PidMode").asText("").equals("host")) {
            shared.add(Namespace.PID);
        }
        if (host.path("IpcMode").asText("").equals("host")) {
            shared.add(Namespace.IPC);
        }
        if (host.path("UTSMode").asText("").equals("host")) {
            shared.add(Namespace.UTS);
        }
        if (host.path("UsernsMode").asText("").equals("host")) {
            shared.add(Namespace.USER);
        }
        List<RuntimeSpec.HostVolume> volumes = new ArrayList<>();
        List<RuntimeSpec.Mount> mounts = new ArrayList<>();
        // the engine lists mounts in no fixed order: by destination, so that reports are the same from run to run
        List<JsonNode> byTarget = new ArrayList<>();
        inspect.path("Mounts").forEach(byTarget::add);
        byTarget.sort(java.util.Comparator.comparing(m -> m.path("Destination").asText("")));
        for (JsonNode m : byTarget) {
            if (!m.path("Type").asText("").equals("bind")) {
                continue;
            }
            String source = m.path("Source").asText("");
            volumes.add(new RuntimeSpec.HostVolume(source, source));
            mounts.add(new RuntimeSpec.Mount(
                    source,
                    m.path("Destination").asText(""),
                    !m.path("RW").asBoolean(true),
                    m.path("Propagation").asText(null)));
        }
        List<String> securityOpt = new ArrayList<>();
        host.path("SecurityOpt").forEach(o -> securityOpt.add(o.asText().toLowerCase(Locale.ROOT)));
        boolean noNewPrivileges = daemonNoNewPrivileges
                || securityOpt.stream()
                        .anyMatch(o -> o.equals("no-new-privileges")
                                || o.equals("no-new-privileges:true")
                                || o.equals("no-new-privileges=true"));
        boolean seccomp = securityOpt.stream().anyMatch(o -> o.matches("seccomp[:=]unconfined"));
        boolean apparmor = securityOpt.stream().anyMatch(o -> o.matches("apparmor[:=]unconfined"))
                || inspect.path("AppArmorProfile").asText("").equals("unconfined");
        List<String> caps = new ArrayList<>();
        host.path("CapAdd").forEach(c -> caps.add(c.asText()));
        List<RuntimeSpec.Port> ports = new ArrayList<>();
        host.path("PortBindings").properties().forEach(e -> {
            int containerPort = parsePort(e.getKey().replaceFirst("/.*", ""));
            for (JsonNode b : e.getValue()) {
                ports.add(new RuntimeSpec.Port(
                        b.path("HostIp").asText(""),
                        parsePort(b.path("HostPort").asText("0")),
                        containerPort));
            }
        });
        List<String> devices = new ArrayList<>();
        host.path("Devices").forEach(d -> devices.add(d.path("PathOnHost").asText("?")));
        JsonNode restart = host.path("RestartPolicy");
        String policy = restart.path("Name").asText("");
        String restartPolicy = policy.isEmpty() || policy.equals("no")
                ? null
                : policy
                        + (policy.equals("on-failure")
                                ? ":" + restart.path("MaximumRetryCount").asInt(0)
                                : "");
        String health = null;
        if (inspect.path("State").path("Running").asBoolean(false)) {
            JsonNode h = inspect.path("State").path("Health");
            JsonNode test = inspect.path("Config").path("Healthcheck").path("Test");
            if (h.has("Status")) {
                health = h.path("Status").asText();
            } else if (test.isMissingNode()
                    || test.isEmpty()
                    || test.path(0).asText().equals("NONE")) {
                health = "none";
            }
        }
        boolean cpu = host.path("NanoCpus").asLong(0) > 0
                || host.path("CpuShares").asLong(0) > 0
                || host.path("CpuQuota").asLong(0) > 0;
        RuntimeSpec.ContainerSpec c = new RuntimeSpec.ContainerSpec(
                where,
                inspect.path("Config").path("Image").asText(""),
                false,
                host.path("Privileged").asBoolean(false),
                noNewPrivileges,
                caps,
                host.path("ReadonlyRootfs").asBoolean(false),
                uid(inspect.path("Config").path("User").asText("")),
                nonRootName(inspect.path("Config").path("User").asText("")),
                host.path("Memory").asLong(0) > 0,
                cpu,
                host.path("PidsLimit").asLong(0) > 0,
                mounts,
                seccomp,
                apparmor,
                ports,
                devices,
                restartPolicy,
                health);
        return new RuntimeSpec(where, Dialect.DOCKER, shared, volumes, List.of(c));
    }

    /** The uid of {@code user[:group]}: empty and {@code root} are 0; a name other than root is unknown. */
    static Long uid(String user) {
        String u = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (u.isEmpty() || u.equals("root")) {
            return 0L;
        }
        return u.matches("\\d{1,10}") ? Long.parseLong(u) : null;
    }

    private static boolean nonRootName(String user) {
        String u = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        return !u.isEmpty() && !u.equals("root") && !u.matches("\\d+");
    }

    private static int parsePort(String s) {
        return s.matches("\\d{1,5}") ? Integer.parseInt(s) : 0;
    }
}
