package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vouch engine} against a real Docker engine on a private socket, with containers started as the CIS Docker
 * Benchmark's bad examples (and one hardened), daemon.json files with and without the recommended settings, and
 * engine files with wrong owners and modes under --root.
 */
class EngineCommandTest {
    @TempDir
    static Path work;

    static TestEngine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = TestEngine.start(work.resolve("engine"));
        engine.importBusybox(work);
        String bb = "localhost/bb:1";
        engine.docker(
                "run",
                "-d",
                "--network",
                "none",
                "--name",
                "caps",
                "--cap-add",
                "SYS_ADMIN",
                "--user",
                "1000",
                "--read-only",
                "--security-opt",
                "no-new-privileges",
                "--memory",
                "64m",
                "--cpus",
                "0.5",
                "--pids-limit",
                "64",
                "--health-cmd",
                "true",
                bb,
                "sleep",
                "3600");
        engine.docker("run", "-d", "--network", "none", "--name", "hostpid", "--pid", "host", bb, "sleep", "3600");
        engine.docker(
                "run",
                "-d",
                "--network",
                "none",
                "--name",
                "sock",
                "-v",
                engine.socket() + ":/var/run/docker.sock",
                "-v",
                "/etc:/host-etc",
                "--user",
                "0",
                bb,
                "sleep",
                "3600");
        engine.docker("create", "--network", "none", "--name", "priv", "--privileged", bb, "sleep", "3600");
        engine.docker(
                "run",
                "-d",
                "--network",
                "none",
                "--name",
                "hardened",
                "--read-only",
                "--user",
                "65532",
                "--cap-drop",
                "ALL",
                "--security-opt",
                "no-new-privileges",
                "--memory",
                "64m",
                "--pids-limit",
                "64",
                "--cpus",
                "0.5",
                "--health-cmd",
                "true",
                bb,
                "sleep",
                "3600");
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    private static Cli.Result vouch(String... args) {
        return Cli.runIn(engine.env(work.resolve("home")), "", args);
    }

    @Test
    void eachContainerHasExactlyItsFindingsAndTheHardenedOneNone() throws Exception {
        Path root = Files.createDirectories(work.resolve("root-empty"));
        Cli.Result r = vouch("engine", "--all", "--root", root.toString(), "--policy", "none", "--format", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        Map<String, TreeSet<String>> byContainer = new TreeMap<>();
        for (JsonNode f : r.json().path("findings")) {
            String object = f.path("object").asText();
            if (object.startsWith("container ")) {
                String name = object.substring(10, object.indexOf(' ', 10));
                byContainer
                        .computeIfAbsent(name, k -> new TreeSet<>())
                        .add(f.path("id").asText() + " " + f.path("cis").asText() + " "
                                + f.path("severity").asText());
            }
        }
        assertThat(byContainer.get("caps")).containsExactly("K8S003 5.4 HIGH");
        assertThat(byContainer.get("hostpid"))
                .containsExactly(
                        "K8S002 5.26 MEDIUM",
                        "K8S005 5.16 HIGH",
                        "K8S006 5.13 LOW",
                        "K8S007 4.1 HIGH",
                        "K8S008 5.11 LOW",
                        "K8S012 5.29 LOW",
                        "K8S018 5.27 LOW");
        assertThat(byContainer.get("sock"))
                .containsExactly(
                        "K8S002 5.26 MEDIUM",
                        "K8S004 5.32 HIGH",
                        "K8S004 5.6 HIGH",
                        "K8S006 5.13 LOW",
                        "K8S007 4.1 HIGH",
                        "K8S008 5.11 LOW",
                        "K8S009 5.6 MEDIUM",
                        "K8S012 5.29 LOW",
                        "K8S018 5.27 LOW");
        // created, not running: audited with --all (privileged containers cannot start in this sandbox)
        assertThat(byContainer.get("priv"))
                .containsExactly(
                        "K8S001 5.5 HIGH",
                        "K8S002 5.26 MEDIUM",
                        "K8S006 5.13 LOW",
                        "K8S007 4.1 HIGH",
                        "K8S008 5.11 LOW",
                        "K8S012 5.29 LOW");
        assertThat(byContainer).doesNotContainKey("hardened");
        List<String> names = new ArrayList<>();
        r.json().path("containers").forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("caps", "hostpid", "sock", "priv", "hardened");
        // mounts are reported by destination: /host-etc before /var/run/docker.sock
        assertThat(messages(r.json(), "K8S004"))
                .containsExactly("mounts the host's /etc", "mounts the host's " + engine.socket());

        // without --all the created container is not audited
        Cli.Result running = vouch("engine", "--root", root.toString(), "--policy", "none", "--format", "json");
        List<String> runningNames = new ArrayList<>();
        running.json()
                .path("containers")
                .forEach(c -> runningNames.add(c.path("name").asText()));
        assertThat(runningNames).containsExactlyInAnyOrder("caps", "hostpid", "sock", "hardened");
    }

    @Test
    void daemonJsonSettingsAndFileModesUnderRoot() throws Exception {
        Path bare = work.resolve("root-bare");
        Files.createDirectories(bare.resolve("etc/docker"));
        Files.writeString(bare.resolve("etc/docker/daemon.json"), "{}\n");
        Path tuned = work.resolve("root-tuned");
        Files.createDirectories(tuned.resolve("etc/docker"));
        Files.writeString(
                tuned.resolve("etc/docker/daemon.json"),
                "{\"icc\": false, \"userns-remap\": \"default\", \"live-restore\": true, \"no-new-privileges\": true,"
                        + " \"userland-proxy\": false}\n");
        JsonNode bareReport = vouch("engine", "--root", bare.toString(), "--policy", "none", "--format", "json")
                .json();
        JsonNode tunedReport = vouch("engine", "--root", tuned.toString(), "--policy", "none", "--format", "json")
                .json();
        assertThat(ids(bareReport, "daemon")).contains("ENG014", "ENG016");
        assertThat(ids(tunedReport, "daemon")).doesNotContain("ENG014", "ENG016");
        // the engine itself runs without user namespaces or live restore: /info says so whatever a file claims
        assertThat(ids(tunedReport, "daemon")).contains("ENG009", "ENG015");
        // the daemon's no-new-privileges default covers every container
        assertThat(ids(bareReport, "container")).contains("K8S002");
        assertThat(ids(tunedReport, "container")).doesNotContain("K8S002");

        // files with wrong owners and modes
        Path files = work.resolve("root-files");
        Files.createDirectories(files.resolve("etc/docker/certs.d/registry.example:5000"));
        Files.createDirectories(files.resolve("lib/systemd/system"));
        Files.writeString(files.resolve("etc/docker/daemon.json"), "{\"tlscacert\": \"/etc/docker/ca.pem\"}\n");
        Files.writeString(files.resolve("etc/docker/ca.pem"), "ca\n");
        Files.writeString(files.resolve("etc/docker/certs.d/registry.example:5000/ca.crt"), "ca\n");
        Files.writeString(files.resolve("lib/systemd/system/docker.service"), "[Service]\n");
        Files.writeString(files.resolve("lib/systemd/system/docker.socket"), "[Socket]\n");
        Files.setPosixFilePermissions(
                files.resolve("etc/docker/daemon.json"), PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(files.resolve("etc/docker/ca.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(
                files.resolve("etc/docker/certs.d/registry.example:5000/ca.crt"),
                PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(
                files.resolve("lib/systemd/system/docker.service"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(
                files.resolve("lib/systemd/system/docker.socket"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(files.resolve("etc/docker"), PosixFilePermissions.fromString("rwxr-xr-x"));
        new ProcessBuilder(
                        "chown",
                        "1000:1000",
                        files.resolve("lib/systemd/system/docker.service").toString())
                .inheritIO()
                .start()
                .waitFor();
        Files.createDirectories(files.resolve("etc/audit/rules.d"));
        Files.writeString(files.resolve("etc/audit/rules.d/docker.rules"), "-w /etc/docker -k docker\n");
        JsonNode report = vouch("engine", "--root", files.toString(), "--policy", "none", "--format", "json")
                .json();
        List<String> fileFindings = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            if (f.path("id").asText().startsWith("ENG03")) {
                fileFindings.add(f.path("id").asText() + " " + f.path("cis").asText() + " "
                        + f.path("message").asText());
            }
        }
        assertThat(fileFindings)
                .containsExactlyInAnyOrder(
                        "ENG030 3.1 /lib/systemd/system/docker.service is owned by 1000:1000 (want root:root): its owner"
                                + " can change how the engine runs",
                        "ENG031 3.10 /etc/docker/ca.pem has mode 0644 (want 0444 or stricter)",
                        "ENG031 3.18 /etc/docker/daemon.json has mode 0666 (want 0644 or stricter)",
                        "ENG033 1.1.7 auditd does not watch /lib/systemd/system/docker.service",
                        "ENG033 1.1.9 auditd does not watch /lib/systemd/system/docker.socket",
                        "ENG033 1.1.11 auditd does not watch /etc/docker/daemon.json");
    }

    @Test
    void imagesAreJudgedByThePolicyAndTheFormatsAgree() throws Exception {
        Path root = Files.createDirectories(work.resolve("root-images"));
        Cli.Result r = vouch("engine", "--root", root.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode images = r.json().path("images");
        assertThat(images).hasSize(1);
        assertThat(images.get(0).path("verdict").asText()).isEqualTo("fail");
        List<String> failed = new ArrayList<>();
        images.get(0).path("failedRules").forEach(f -> failed.add(f.path("id").asText()));
        // the busybox root file system runs as root, and there is no vulnerability database here
        assertThat(failed).contains("not-root");
        assertThat(ids(r.json(), "image")).containsExactly("ENG040");

        Cli.Result sarif = vouch("engine", "--root", root.toString(), "--policy", "none", "--format", "sarif");
        JsonNode results = sarif.json().path("runs").path(0).path("results");
        Cli.Result json = vouch("engine", "--root", root.toString(), "--policy", "none", "--format", "json");
        assertThat(results.size()).isEqualTo(json.json().path("findings").size());
        assertThat(results.get(0).path("properties").path("cis").asText()).isNotEmpty();

        Cli.Result text = vouch("engine", "--root", root.toString(), "--policy", "none", "--fail-on", "critical");
        assertThat(text.code()).as("no critical finding").isZero();
        assertThat(text.out()).contains("high [K8S005 | CIS 5.16] container hostpid (");
    }

    @Test
    void aRealDaemonConfigFileIsFoundThroughItsCommandLine() throws Exception {
        Path dir = work.resolve("engine2");
        Files.createDirectories(dir);
        Path config = dir.resolve("daemon.json");
        Files.writeString(config, "{\"live-restore\": true, \"no-new-privileges\": true, \"userland-proxy\": false}\n");
        try (TestEngine tuned = TestEngine.start(dir, "--config-file", config.toString())) {
            Cli.Result r =
                    Cli.runIn(tuned.env(work.resolve("home")), "", "engine", "--policy", "none", "--format", "json");
            assertThat(r.code()).as(r.err()).isIn(0, 1);
            List<String> daemon = ids(r.json(), "daemon");
            // live restore is what the engine reports; the rest come from the file its command line names
            assertThat(daemon).doesNotContain("ENG014", "ENG015", "ENG016").contains("ENG004", "ENG009");
        }
    }

    @Test
    void anUnreachableEngineIsOneLine() {
        Cli.Result r = vouch("engine", "-H", "unix://" + work.resolve("none.sock"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errorLine())
                .isEqualTo("vouch: Docker engine at unix://" + work.resolve("none.sock")
                        + " is not reachable: no such socket ($DOCKER_HOST)");
    }

    private static List<String> ids(JsonNode report, String objectPrefix) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            if (f.path("object").asText().startsWith(objectPrefix)) {
                out.add(f.path("id").asText());
            }
        }
        return out;
    }

    private static List<String> messages(JsonNode report, String id) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            if (f.path("id").asText().equals(id) && f.path("object").asText().contains("sock")) {
                out.add(f.path("message").asText());
            }
        }
        return out;
    }
}
