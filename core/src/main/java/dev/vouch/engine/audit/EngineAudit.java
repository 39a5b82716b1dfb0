package dev.vouch.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.engine.EngineClient;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.runtime.RuntimeFinding;
import dev.vouch.runtime.RuntimeRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code vouch engine}: a Docker host as Docker Bench for Security and the CIS Docker Benchmark v1.6 judge it. The
 * daemon ({@code /info}, {@code daemon.json}, its command line), the engine's files under a root directory, and every
 * container ({@code docker ps}, or {@code docker ps -a}) through the same runtime rules as pod specs and compose
 * services. Only reads: nothing on the host or in the engine is changed.
 */
public final class EngineAudit {
    private static final int MAX_PROCESSES = 100_000;

    /** One container the audit saw. */
    public record Container(String id, String name, String image, String imageId, String state) {}

    /** What the audit found. */
    public record Report(
            String engine, String endpoint, String version, List<Container> containers, List<EngineFinding> findings) {}

    private EngineAudit() {}

    public static Report run(EngineClient client, Path root, boolean all, Map<String, String> env) throws IOException {
        JsonNode version = client.version();
        JsonNode info = client.info();
        List<String> args = commandLine(root, client.endpoint().url());
        Path daemonJson = root.resolve(new DaemonConfig(null, args)
                .values("config-file", null, "-").stream()
                        .findFirst()
                        .orElse("/etc/docker/daemon.json")
                        .replaceFirst("^/+", ""));
        JsonNode file = null;
        if (Files.isRegularFile(daemonJson)) {
            file = Json.tree(BoundedReads.readFile(daemonJson, 1 << 20), daemonJson.toString());
        }
        DaemonConfig config = new DaemonConfig(file, args);
        boolean bridge = client.network("bridge").isPresent();
        List<EngineFinding> findings = new ArrayList<>(DaemonChecks.check(info, bridge, config, env));
        findings.addAll(FileChecks.check(root, config, client.endpoint().socket()));
        boolean daemonNoNewPrivileges = config.flag("no-new-privileges", false);
        List<Container> containers = new ArrayList<>();
        for (String id : client.containerIds(all)) {
            Optional<JsonNode> found = client.container(id);
            if (found.isEmpty()) {
                continue; // removed meanwhile
            }
            JsonNode c = found.get();
            String name = DockerContainers.name(c);
            String object = "container " + name + " (" + id.substring(0, 12) + ")";
            containers.add(new Container(
                    id,
                    name,
                    c.path("Config").path("Image").asText(""),
                    c.path("Image").asText(""),
                    c.path("State").path("Status").asText("")));
            String prefix = "container " + name + ": ";
            for (RuntimeFinding r : RuntimeRules.check(DockerContainers.spec(c, daemonNoNewPrivileges))) {
                String message = r.finding().message();
                findings.add(new EngineFinding(
                        r.finding().id(),
                        r.cis(),
                        r.finding().severity(),
                        object,
                        message.startsWith(prefix) ? message.substring(prefix.length()) : message,
                        r.fix()));
            }
        }
        return new Report(
                version.path("Platform").path("Name").asText("").isBlank()
                        ? "Docker Engine"
                        : version.path("Platform").path("Name").asText(),
                client.endpoint().url(),
                version.path("Version").asText("?"),
                containers,
                findings);
    }

    /**
     * The command line of the dockerd that serves this endpoint, from {@code ROOT/proc}: the one whose {@code -H}
     * names it, else the only dockerd; empty when none is found (the daemon runs elsewhere, or in another pid
     * namespace).
     */
    static List<String> commandLine(Path root, String url) throws IOException {
        Path proc = root.resolve("proc");
        if (!Files.isDirectory(proc)) {
            return List.of();
        }
        List<List<String>> daemons = new ArrayList<>();
        try (Stream<Path> s = Files.list(proc)) {
            for (Path p : (Iterable<Path>) s.limit(MAX_PROCESSES)::iterator) {
                if (!p.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String comm = Files.readString(p.resolve("comm"), StandardCharsets.UTF_8)
                            .strip();
                    if (!comm.equals("dockerd")) {
                        continue;
                    }
                    byte[] raw = BoundedReads.readFile(p.resolve("cmdline"), 1 << 16);
                    daemons.add(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while it was read, or is not ours to read
                }
            }
        }
        for (List<String> d : daemons) {
            if (new DaemonConfig(null, d).values("host", "H", "-").contains(url)) {
                return d;
            }
        }
        return daemons.size() == 1 ? daemons.get(0) : List.of();
    }
}
