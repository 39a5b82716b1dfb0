package dev.vouch.engine.audit;

import dev.vouch.report.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The engine's files against the CIS Docker Benchmark v1.6 section 3 (ownership and modes of the unit files, the
 * sockets, {@code /etc/docker}, its certificates, {@code daemon.json}, the defaults files) and 1.1 (auditd watches on
 * them, when auditd is installed), read under a root directory ({@code /} for this host). Nothing is changed.
 */
public final class FileChecks {
    private static final List<String> UNIT_DIRS =
            List.of("lib/systemd/system", "usr/lib/systemd/system", "etc/systemd/system");
    private static final int MAX_CERT_FILES = 1000;

    private record Want(String path, String cisOwner, String cisMode, int mode, boolean dockerGroup) {}

    private FileChecks() {}

    /**
     * @param socket the engine's socket as this host sees it (checked when the root is {@code /}), or null
     */
    public static List<EngineFinding> check(Path root, DaemonConfig config, Path socket) throws IOException {
        List<Want> wants = new ArrayList<>();
        for (String dir : UNIT_DIRS) {
            wants.add(new Want("/" + dir + "/docker.service", "3.1", "3.2", 0644, false));
            wants.add(new Want("/" + dir + "/docker.socket", "3.3", "3.4", 0644, false));
        }
        wants.add(new Want("/etc/docker", "3.5", "3.6", 0755, false));
        Path certs = resolve(root, "/etc/docker/certs.d");
        if (Files.isDirectory(certs, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(certs, 2)) {
                s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .limit(MAX_CERT_FILES)
                        .sorted()
                        .forEach(p -> wants.add(new Want(
                                "/" + root.relativize(p).toString().replace('\\', '/'), "3.7", "3.8", 0444, false)));
            }
        }
        String ca = config.value("tlscacert", null);
        String cert = config.value("tlscert", null);
        String key = config.value("tlskey", null);
        if (ca != null) {
            wants.add(new Want(ca, "3.9", "3.10", 0444, false));
        }
        if (cert != null) {
            wants.add(new Want(cert, "3.11", "3.12", 0444, false));
        }
        if (key != null) {
            wants.add(new Want(key, "3.13", "3.14", 0400, false));
        }
        Set<String> sockets = new LinkedHashSet<>();
        sockets.add("/var/run/docker.sock");
        if (socket != null && root.toString().equals("/")) {
            sockets.add(socket.toString());
        }
        sockets.forEach(s -> wants.add(new Want(s, "3.15", "3.16", 0660, true)));
        String file = config.value("config-file", null);
        wants.add(new Want(file == null ? "/etc/docker/daemon.json" : file, "3.17", "3.18", 0644, false));
        wants.add(new Want("/etc/default/docker", "3.19", "3.22", 0644, false));
        wants.add(new Want("/etc/sysconfig/docker", "3.20", "3.21", 0644, false));
        wants.add(new Want("/run/containerd/containerd.sock", "3.23", "3.24", 0660, false));

        Integer dockerGid = dockerGid(root);
        List<EngineFinding> out = new ArrayList<>();
        for (Want w : wants) {
            Path p = resolve(root, w.path());
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
            boolean groupOk = gid == 0 || (w.dockerGroup() && dockerGid != null && gid == dockerGid);
            if (uid != 0 || !groupOk) {
                out.add(new EngineFinding(
                        "ENG030",
                        w.cisOwner(),
                        Severity.MEDIUM,
                        w.path(),
                        w.path() + " is owned by " + uid + ":" + gid + " (want root:"
                                + (w.dockerGroup() ? "docker" : "root") + "): its owner can change how the engine runs",
                        "chown root:" + (w.dockerGroup() ? "docker " : "root ") + w.path()));
            }
            if ((mode & ~w.mode()) != 0) {
                out.add(new EngineFinding(
                        "ENG031",
                        w.cisMode(),
                        Severity.MEDIUM,
                        w.path(),
                        w.path() + " has mode " + octal(mode) + " (want " + octal(w.mode()) + " or stricter)",
                        "chmod " + octal(mode & w.mode()) + " " + w.path()));
            }
        }
        out.addAll(auditRules(root));
        return out;
    }

    /** CIS 1.1.3-1.1.18: auditd watches the engine's binaries and files, when auditd is installed. */
    private static List<EngineFinding> auditRules(Path root) throws IOException {
        Path audit = resolve(root, "/etc/audit");
        if (!Files.isDirectory(audit)) {
            return List.of(new EngineFinding(
                    "ENG032",
                    "1.1.3",
                    Severity.INFO,
                    "auditd",
                    "auditd is not installed: nothing records who used the engine or changed its files",
                    "install auditd and watch the engine's files (docs/engine.md lists them)"));
        }
        Set<String> watched = new LinkedHashSet<>();
        List<Path> rules = new ArrayList<>();
        rules.add(audit.resolve("audit.rules"));
        Path dir = audit.resolve("rules.d");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".rules"))
                        .sorted()
                        .limit(1000)
                        .forEach(rules::add);
            }
        }
        for (Path r : rules) {
            if (!Files.isRegularFile(r) || Files.size(r) > (1 << 20)) {
                continue;
            }
            for (String line : Files.readAllLines(r)) {
                String[] w = line.strip().split("\\s+");
                for (int i = 0; i + 1 < w.length; i++) {
                    if (w[i].equals("-w")) {
                        watched.add(w[i + 1]);
                    }
                }
            }
        }
        String[][] paths = {
            {"1.1.3", "/usr/bin/dockerd", "/usr/sbin/dockerd"},
            {"1.1.4", "/run/containerd"},
            {"1.1.5", "/var/lib/docker"},
            {"1.1.6", "/etc/docker"},
            {"1.1.7", "/lib/systemd/system/docker.service", "/usr/lib/systemd/system/docker.service"},
            {"1.1.8", "/run/containerd/containerd.sock"},
            {"1.1.9", "/lib/systemd/system/docker.socket", "/usr/lib/systemd/system/docker.socket"},
            {"1.1.10", "/etc/default/docker"},
            {"1.1.11", "/etc/docker/daemon.json"},
            {"1.1.12", "/etc/containerd/config.toml"},
            {"1.1.13", "/etc/sysconfig/docker"},
            {"1.1.14", "/usr/bin/containerd"},
            {"1.1.15", "/usr/bin/containerd-shim"},
            {"1.1.16", "/usr/bin/containerd-shim-runc-v1"},
            {"1.1.17", "/usr/bin/containerd-shim-runc-v2"},
            {"1.1.18", "/usr/bin/runc", "/usr/sbin/runc"}
        };
        List<EngineFinding> out = new ArrayList<>();
        for (String[] row : paths) {
            for (int i = 1; i < row.length; i++) {
                if (Files.exists(resolve(root, row[i])) && !watched.contains(row[i])) {
                    out.add(new EngineFinding(
                            "ENG033",
                            row[0],
                            Severity.LOW,
                            row[i],
                            "auditd does not watch " + row[i],
                            "add -w " + row[i] + " -k docker to /etc/audit/rules.d/docker.rules"));
                    break;
                }
            }
        }
        return out;
    }

    private static Integer dockerGid(Path root) throws IOException {
        Path group = resolve(root, "/etc/group");
        if (!Files.isRegularFile(group) || Files.size(group) > (1 << 20)) {
            return null;
        }
        for (String line : Files.readAllLines(group)) {
            String[] f = line.split(":");
            if (f.length >= 3 && f[0].equals("docker") && f[2].matches("\\d{1,9}")) {
                return Integer.parseInt(f[2]);
            }
        }
        return null;
    }

    private static Path resolve(Path root, String absolute) {
        return root.resolve(absolute.replaceFirst("^/+", ""));
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
