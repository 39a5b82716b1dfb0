package dev.vouch.runtime;

import dev.vouch.audit.LookAlikeNames;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one set of runtime rules, for pod specs, compose services and running Docker containers alike (<a
 * href="https://kubernetes.io/docs/concepts/security/pod-security-standards/">Pod Security Standards</a>, CIS Docker
 * Benchmark v1.6 section 5): privileged, privilege escalation, added capabilities, host namespaces, sensitive or
 * writable host mounts, root users, writable root file systems, missing limits, unpinned or look-alike images,
 * unconfined seccomp or AppArmor, published ports, host devices, shared mount propagation, restart policy and health.
 * Ids K8S001-K8S018 (named for where they started; docs/manifests.md, docs/engine.md).
 */
public final class RuntimeRules {
    private static final Set<String> DANGEROUS_CAPS =
            Set.of("ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH");
    private static final Set<String> SOCKETS = Set.of(
            "/var/run/docker.sock",
            "/run/docker.sock",
            "/run/containerd/containerd.sock",
            "/var/run/containerd/containerd.sock",
            "/var/run/crio/crio.sock",
            "/run/crio/crio.sock",
            "/run/podman/podman.sock");
    private static final Set<String> SENSITIVE_DIRS =
            Set.of("/", "/etc", "/run", "/var/run", "/boot", "/dev", "/lib", "/proc", "/sys", "/usr");

    private RuntimeRules() {}

    /** Every finding of one workload, in a stable order: the workload's, then each container's. */
    public static List<RuntimeFinding> check(RuntimeSpec spec) {
        List<RuntimeFinding> out = new ArrayList<>();
        Dialect d = spec.dialect();
        String where = spec.where();
        for (Namespace ns : Namespace.values()) {
            if (spec.hostNamespaces().contains(ns)) {
                out.add(f(
                        "K8S005",
                        Severity.HIGH,
                        where + ": " + d.sharesNamespace(ns),
                        cis(ns),
                        "give the workload its own " + ns.name().toLowerCase(Locale.ROOT) + " namespace (drop "
                                + d.namespace(ns) + ")"));
            }
        }
        for (RuntimeSpec.HostVolume v : spec.hostVolumes()) {
            String p = normalized(v.path());
            boolean socket = SOCKETS.contains(p) || p.endsWith("/docker.sock");
            if (socket || SENSITIVE_DIRS.contains(p) || p.startsWith("/etc/")) {
                out.add(f(
                        "K8S004",
                        Severity.HIGH,
                        where + ": " + d.hostMount(v.name(), v.path()),
                        socket ? "5.32" : "5.6",
                        socket
                                ? "do not mount the container engine's socket: whoever reaches it is root on the host"
                                : "mount only the files the workload needs, read-only"));
            }
        }
        for (RuntimeSpec.ContainerSpec c : spec.containers()) {
            container(spec, c, out);
        }
        return out;
    }

    private static void container(RuntimeSpec spec, RuntimeSpec.ContainerSpec c, List<RuntimeFinding> out) {
        Dialect d = spec.dialect();
        String where = c.where();
        if (c.privileged()) {
            out.add(f(
                    "K8S001",
                    Severity.HIGH,
                    where + ": " + d.privileged(),
                    "5.5",
                    "drop privileged mode; add only the capabilities the workload needs"));
        }
        if (!c.noNewPrivileges()) {
            out.add(f(
                    "K8S002",
                    Severity.MEDIUM,
                    where + ": " + d.escalation(),
                    "5.26",
                    d == Dialect.DOCKER
                            ? "run with --security-opt no-new-privileges"
                            : "set allowPrivilegeEscalation: false"));
        }
        for (String cap : c.capAdd()) {
            String name = cap.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
            out.add(f(
                    "K8S003",
                    DANGEROUS_CAPS.contains(name) ? Severity.HIGH : Severity.MEDIUM,
                    where + ": adds the capability " + name,
                    "5.4",
                    "drop the capability " + name + " unless the workload cannot run without it"));
        }
        if (!c.readOnlyRootfs()) {
            out.add(f(
                    "K8S006",
                    Severity.LOW,
                    where + ": " + d.writableRoot(),
                    "5.13",
                    d == Dialect.DOCKER
                            ? "run with --read-only and a --tmpfs for the paths it writes"
                            : "set readOnlyRootFilesystem: true and mount emptyDir where it writes"));
        }
        if (c.uid() != null && c.uid() == 0) {
            out.add(f("K8S007", Severity.HIGH, where + ": " + d.rootUid(), "4.1", "run as a non-root uid"));
        } else if (!c.nonRootAsserted() && !(c.uid() != null && c.uid() > 0)) {
            out.add(f(
                    "K8S007",
                    Severity.MEDIUM,
                    where + ": " + d.rootUnset(),
                    "4.1",
                    d == Dialect.DOCKER ? "run with --user UID" : "set runAsNonRoot: true or a runAsUser"));
        }
        if (!c.ephemeral() && (!c.memoryLimited() || !c.cpuLimited())) {
            out.add(f(
                    "K8S008",
                    Severity.LOW,
                    where + ": " + d.limits(c.memoryLimited(), c.cpuLimited()),
                    !c.memoryLimited() ? "5.11" : "5.12",
                    d == Dialect.DOCKER ? "set --memory and --cpus" : "set resources.limits.cpu and .memory"));
        }
        if (Boolean.FALSE.equals(c.pidsLimited())) {
            out.add(f(
                    "K8S012",
                    Severity.LOW,
                    where + ": no limit on the number of processes (--pids-limit)",
                    "5.29",
                    "set --pids-limit (a fork bomb then stops there)"));
        }
        for (RuntimeSpec.Mount m : c.mounts()) {
            String path = spec.hostVolumes().stream()
                    .filter(v -> v.name().equals(m.volume()))
                    .map(RuntimeSpec.HostVolume::path)
                    .findFirst()
                    .orElse(null);
            if (path != null && !m.readOnly()) {
                out.add(f(
                        "K8S009",
                        Severity.MEDIUM,
                        where + ": " + d.writableMount(path, m.target()),
                        "5.6",
                        "mount it read-only"));
            }
            if (m.propagation() != null
                    && (m.propagation().contains("shared") || m.propagation().equals("Bidirectional"))) {
                out.add(f(
                        "K8S016",
                        Severity.MEDIUM,
                        where + ": the mount at " + m.target() + " propagates to the host (" + m.propagation() + ")",
                        "5.20",
                        "use private (or rprivate) mount propagation"));
            }
        }
        if (c.seccompUnconfined()) {
            out.add(f(
                    "K8S011",
                    Severity.HIGH,
                    where + ": seccomp is unconfined: every system call is allowed",
                    "5.22",
                    "keep the default seccomp profile, or a custom one"));
        }
        if (c.apparmorUnconfined()) {
            out.add(f(
                    "K8S011",
                    Severity.MEDIUM,
                    where + ": AppArmor is unconfined",
                    "5.2",
                    "keep the default AppArmor profile (docker-default/RuntimeDefault)"));
        }
        for (RuntimeSpec.Port p : c.ports()) {
            String ip = p.hostIp() == null || p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp();
            if (ip.equals("0.0.0.0") || ip.equals("::")) {
                out.add(f(
                        "K8S013",
                        Severity.LOW,
                        where + ": port " + p.containerPort() + " is published on every host interface (" + ip + ":"
                                + p.hostPort() + ")",
                        "5.14",
                        "bind the port to one address (-p 127.0.0.1:" + p.hostPort() + ":" + p.containerPort() + ")"));
            }
            if (p.hostPort() > 0 && p.hostPort() < 1024) {
                out.add(f(
                        "K8S014",
                        Severity.LOW,
                        where + ": host port " + p.hostPort() + " is privileged (below 1024)",
                        "5.8",
                        "publish on a port of 1024 or more"));
            }
        }
        for (String dev : c.devices()) {
            out.add(f(
                    "K8S015",
                    Severity.MEDIUM,
                    where + ": the host device " + dev + " is exposed",
                    "5.18",
                    "expose no host device unless the workload needs it, and then without mknod (rw, not rwm)"));
        }
        if (c.restartPolicy() != null && c.restartPolicy().startsWith("on-failure")) {
            String count = c.restartPolicy().contains(":")
                    ? c.restartPolicy().substring(c.restartPolicy().indexOf(':') + 1)
                    : "0";
            if (count.equals("0") || Integer.parseInt(count) > 5) {
                out.add(f(
                        "K8S017",
                        Severity.LOW,
                        where + ": restarts on failure " + (count.equals("0") ? "without limit" : count + " times"),
                        "5.15",
                        "use --restart on-failure:5"));
            }
        }
        if ("unhealthy".equals(c.health())) {
            out.add(f(
                    "K8S018",
                    Severity.MEDIUM,
                    where + ": its health check fails (unhealthy)",
                    "5.27",
                    "find why the health check fails"));
        } else if ("none".equals(c.health())) {
            out.add(f(
                    "K8S018",
                    Severity.LOW,
                    where + ": no health check (image or --health-cmd)",
                    "5.27",
                    "add a HEALTHCHECK to the image or --health-cmd to the container"));
        }
        String image = c.image();
        if (image == null || image.isEmpty()) {
            return;
        }
        if (d == Dialect.KUBERNETES && !image.contains("@sha256:")) {
            out.add(f(
                    "K8S010",
                    Severity.LOW,
                    where + ": image " + image + " is not pinned by digest (a tag can move)",
                    null,
                    "name the image by digest (name@sha256:…)"));
        }
        LookAlikeNames.check(image)
                .ifPresent(l -> out.add(new RuntimeFinding(
                        new Finding(l.id(), l.severity(), where + ": " + l.message(), Location.image()),
                        null,
                        "check that the image is the one you mean")));
    }

    private static String cis(Namespace ns) {
        return switch (ns) {
            case NETWORK -> "5.10";
            case PID -> "5.16";
            case IPC -> "5.17";
            case UTS -> "5.21";
            case USER -> "5.31";
        };
    }

    private static String normalized(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static RuntimeFinding f(String id, Severity s, String message, String cis, String fix) {
        return new RuntimeFinding(new Finding(id, s, message, Location.image()), cis, fix);
    }
}
