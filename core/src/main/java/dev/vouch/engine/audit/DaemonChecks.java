package dev.vouch.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The daemon's configuration against the CIS Docker Benchmark v1.6 section 2 (and 4.5, 5.1): what the Engine API
 * reports ({@code /info}: security options, storage and logging drivers, registries, live restore, swarm,
 * authorization plugins, experimental mode) and what only {@code daemon.json} and the daemon's command line say
 * (inter-container communication, log level, iptables, listeners and TLS, no-new-privileges, userland proxy).
 */
public final class DaemonChecks {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.0/8", "::1/128");
    private static final Set<String> LOCAL_LOG_DRIVERS = Set.of("json-file", "local", "none", "");

    private DaemonChecks() {}

    /**
     * @param info the engine's {@code /info}
     * @param defaultBridge whether the engine has the default bridge network ({@code docker0})
     * @param env the environment of the user running the audit ({@code DOCKER_CONTENT_TRUST})
     */
    public static List<EngineFinding> check(
            JsonNode info, boolean defaultBridge, DaemonConfig config, Map<String, String> env) {
        List<EngineFinding> out = new ArrayList<>();
        List<String> security = new ArrayList<>();
        info.path("SecurityOptions").forEach(o -> security.add(o.asText()));
        if (security.stream().noneMatch(o -> o.contains("name=rootless"))) {
            out.add(f(
                    "ENG001",
                    "2.1",
                    Severity.LOW,
                    "the daemon runs as root",
                    "run the rootless engine where the workloads allow it (dockerd-rootless-setuptool.sh)"));
        }
        if (defaultBridge && config.flag("icc", true)) {
            out.add(f(
                    "ENG002",
                    "2.2",
                    Severity.MEDIUM,
                    "containers on the default bridge can reach each other (icc is not false)",
                    "set \"icc\": false in daemon.json and link containers through user-defined networks"));
        }
        String level = config.value("log-level", "l");
        if (level != null && level.toLowerCase(Locale.ROOT).equals("debug")) {
            out.add(f("ENG003", "2.3", Severity.LOW, "the log level is debug", "set \"log-level\": \"info\""));
        }
        if (!config.flag("iptables", true)) {
            out.add(f(
                    "ENG004",
                    "2.4",
                    Severity.LOW,
                    "the daemon may not change iptables (--iptables=false): published ports and isolation rules are"
                            + " left to whoever writes the firewall",
                    "let Docker manage iptables unless the host's firewall does it on purpose"));
        }
        List<String> insecure = new ArrayList<>();
        info.path("RegistryConfig").path("InsecureRegistryCIDRs").forEach(c -> {
            if (!LOOPBACK.contains(c.asText())) {
                insecure.add(c.asText());
            }
        });
        info.path("RegistryConfig").path("IndexConfigs").properties().forEach(e -> {
            if (!e.getValue().path("Secure").asBoolean(true)) {
                insecure.add(e.getKey());
            }
        });
        for (String r : insecure) {
            out.add(f(
                    "ENG005",
                    "2.5",
                    Severity.HIGH,
                    "the insecure registry " + r + " is trusted without TLS: anyone on the path can change what it"
                            + " serves",
                    "remove it from insecure-registries and give the registry a certificate"));
        }
        String driver = info.path("Driver").asText("");
        if (driver.equals("aufs")) {
            out.add(f("ENG006", "2.6", Severity.MEDIUM, "the storage driver is aufs", "use overlay2"));
        }
        boolean tlsVerify = config.flag("tlsverify", false);
        for (String host : config.values("host", "H", "hosts")) {
            if (host.startsWith("tcp://") && !tlsVerify) {
                out.add(f(
                        "ENG007",
                        "2.7",
                        Severity.CRITICAL,
                        "the daemon listens on " + host + " without TLS client verification: whoever reaches the port"
                                + " is root on the host",
                        "set tlsverify with tlscacert, tlscert and tlskey, or listen on the Unix socket only"));
            }
        }
        if (security.stream().noneMatch(o -> o.contains("name=userns"))) {
            out.add(f(
                    "ENG009",
                    "2.9",
                    Severity.MEDIUM,
                    "user namespace remapping is off: root in a container is root on the host",
                    "set \"userns-remap\": \"default\" in daemon.json"));
        }
        if (!info.path("Plugins").path("Authorization").isArray()
                || info.path("Plugins").path("Authorization").isEmpty()) {
            out.add(f(
                    "ENG012",
                    "2.12",
                    Severity.LOW,
                    "no authorization plugin: every client of the socket may do everything",
                    "add an authorization plugin (authorization-plugins) where several people reach the engine"));
        }
        String logDriver = info.path("LoggingDriver").asText("");
        if (LOCAL_LOG_DRIVERS.contains(logDriver)) {
            out.add(f(
                    "ENG013",
                    "2.13",
                    Severity.LOW,
                    "container logs stay on this host (log driver " + (logDriver.isEmpty() ? "unknown" : logDriver)
                            + ")",
                    "ship logs to a central store (log-driver syslog, journald, fluentd…)"));
        }
        if (!config.flag("no-new-privileges", false)) {
            out.add(f(
                    "ENG014",
                    "2.14",
                    Severity.MEDIUM,
                    "containers may gain privileges through setuid binaries by default (no-new-privileges is not set)",
                    "set \"no-new-privileges\": true in daemon.json"));
        }
        if (!info.path("LiveRestoreEnabled").asBoolean(false)) {
            out.add(f(
                    "ENG015",
                    "2.15",
                    Severity.LOW,
                    "live restore is off: containers stop when the daemon does",
                    "set \"live-restore\": true in daemon.json"));
        }
        if (config.flag("userland-proxy", true)) {
            out.add(f(
                    "ENG016",
                    "2.16",
                    Severity.LOW,
                    "the userland proxy is on",
                    "set \"userland-proxy\": false in daemon.json"));
        }
        if (security.stream().anyMatch(o -> o.contains("name=seccomp") && o.contains("profile=unconfined"))) {
            out.add(f(
                    "ENG017",
                    "2.17",
                    Severity.HIGH,
                    "the daemon's default seccomp profile is unconfined: every container may make every system call",
                    "remove seccomp-profile unconfined; keep the default profile or a custom one"));
        }
        if (info.path("ExperimentalBuild").asBoolean(false)) {
            out.add(f(
                    "ENG018",
                    "2.18",
                    Severity.LOW,
                    "experimental features are on",
                    "remove \"experimental\": true in production"));
        }
        info.path("RegistryConfig")
                .path("Mirrors")
                .forEach(m -> out.add(f(
                        "ENG019",
                        null,
                        Severity.INFO,
                        "pulls from Docker Hub go through the mirror " + m.asText() + ", which sees and serves them",
                        "use only mirrors you run or trust")));
        if (info.path("Swarm").path("LocalNodeState").asText("").equals("active")) {
            out.add(f(
                    "ENG020",
                    "5.1",
                    Severity.LOW,
                    "swarm mode is active: the engine opens its cluster ports",
                    "docker swarm leave, unless the host is part of a swarm on purpose"));
        }
        if (!"1".equals(env.getOrDefault("DOCKER_CONTENT_TRUST", ""))) {
            out.add(f(
                    "ENG021",
                    "4.5",
                    Severity.LOW,
                    "content trust is not enabled for this user (DOCKER_CONTENT_TRUST is not 1): docker pull takes"
                            + " unsigned tags",
                    "export DOCKER_CONTENT_TRUST=1 for the users of the engine"));
        }
        return out;
    }

    private static EngineFinding f(String id, String cis, Severity s, String message, String fix) {
        return new EngineFinding(id, cis, s, "daemon", message, fix);
    }
}
