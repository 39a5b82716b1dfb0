package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images where users keep them: a real Docker engine (dockerd on a private socket) builds images with the classic
 * builder and with BuildKit, and vouch reads them by bare name and as {@code docker-daemon:NAME}, through the CLI.
 */
class EngineSourceTest {
    @TempDir
    static Path work;

    static TestEngine engine;
    static Path context;

    @BeforeAll
    static void build() throws Exception {
        engine = TestEngine.start(work.resolve("engine"));
        engine.importBusybox(work);
        context = work.resolve("ctx");
        Files.createDirectories(context);
        Files.writeString(context.resolve("app.conf"), "listen 8080\n");
        Files.writeString(
                context.resolve("Dockerfile"),
                "FROM localhost/bb:1\n"
                        + "LABEL org.opencontainers.image.source=\"https://example.invalid/vouch/engine-fixture\"\n"
                        + "RUN mkdir -p /opt/app && echo hello > /opt/app/greeting\n"
                        + "COPY app.conf /opt/app/app.conf\n"
                        + "USER 1000\n");
        engine.docker("build", "--network", "none", "-t", "myapp:dev", context.toString());
        engine.docker(
                Map.of("DOCKER_BUILDKIT", "1"), "build", "--network", "none", "-t", "myapp:bk", context.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    private static Cli.Result vouch(Map<String, String> env, String... args) {
        return Cli.runIn(env, "", args);
    }

    private static Map<String, String> env() {
        return engine.env(work.resolve("home"));
    }

    @Test
    void aLocalBuildIsCheckedByBareNameWithItsDockerfileReconciledAndItsBaseVerified() throws Exception {
        for (String name : List.of("myapp:dev", "myapp:bk")) {
            Cli.Result r = vouch(
                    env(),
                    "check",
                    name,
                    "--dockerfile",
                    context.resolve("Dockerfile").toString(),
                    "--policy",
                    "none",
                    "--format",
                    "json");
            assertThat(r.code()).as(name + ": " + r.err()).isZero();
            JsonNode report = r.json();
            String id = engine.docker("image", "inspect", "--format", "{{.Id}}", name);
            assertThat(texts(report.path("identity").path("facts")))
                    .as(name)
                    .contains(
                            "read from the Docker engine at " + engine.host() + ", image id " + id
                                    + " (the exported config is that id)",
                            "a local build: the engine records no registry digest, so no registry has served or"
                                    + " signed these bytes");
            assertThat(texts(report.path("origin").path("facts")))
                    .as(name)
                    .contains("a local build in the Docker engine: no registry names it")
                    .anyMatch(f -> f.startsWith("base image VERIFIED localhost/bb:1"));
            assertThat(texts(report.path("build").path("facts")))
                    .as(name)
                    .contains("reconciled with the history: VERIFIED");
        }
    }

    @Test
    void theEngineAndItsSavedArchiveGiveTheSameReport() throws Exception {
        Path saved = work.resolve("saved.tar");
        engine.docker("save", "-o", saved.toString(), "myapp:dev");
        JsonNode bare = checkJson("myapp:dev");
        JsonNode daemon = checkJson("docker-daemon:myapp:dev");
        JsonNode archive = checkJson("docker-archive:" + saved);
        assertThat(bare.path("digest")).isEqualTo(archive.path("digest"));
        assertThat(withoutSource(daemon)).isEqualTo(withoutSource(bare));
        assertThat(withoutSource(bare)).isEqualTo(withoutSource(archive));
    }

    @Test
    void aNameTheEngineLacksComesFromTheRegistryAndAMovedTagIsSeen() throws Exception {
        try (TestRegistry registry = TestRegistry.open(work.resolve("registry"))) {
            // only on the registry: read from there, with no engine facts
            registry.push("oci:" + Fixtures.dir().resolve("debian") + ":bookworm", "team/base:1", false);
            Cli.Result fromRegistry =
                    vouch(env(), "check", registry.host() + "/team/base:1", "--policy", "none", "--format", "json");
            assertThat(fromRegistry.code()).as(fromRegistry.err()).isZero();
            assertThat(texts(fromRegistry.json().path("identity").path("facts")))
                    .noneMatch(f -> f.contains("engine"));
            // pushed from the engine: the engine records the registry digest, and the registry's tag still names it
            String ref = registry.host() + "/team/app:1";
            String one = build("one");
            String two = build("two");
            engine.docker("tag", one, ref);
            engine.docker("push", ref);
            Cli.Result same = vouch(env(), "check", ref, "--policy", "none", "--format", "json");
            assertThat(same.code()).as(same.err()).isZero();
            String pushed = engine.docker("image", "inspect", "--format", "{{index .RepoDigests 0}}", ref);
            assertThat(texts(same.json().path("identity").path("facts")))
                    .contains("the engine pulled or pushed it as " + pushed)
                    .contains(
                            "the registry's tag " + ref + " still names " + pushed.substring(pushed.indexOf('@') + 1));
            assertThat(same.json().path("identity").path("findings")).isEmpty();
            // the tag moves on the registry; the engine's copy is the old one
            engine.docker("tag", two, ref);
            engine.docker("push", ref);
            engine.docker("tag", one, ref);
            Cli.Result moved = vouch(env(), "check", ref, "--policy", "none", "--format", "json");
            assertThat(moved.code()).as(moved.err()).isZero();
            JsonNode findings = moved.json().path("identity").path("findings");
            assertThat(findings).hasSize(1);
            assertThat(findings.get(0).path("id").asText()).isEqualTo("CK003");
            assertThat(findings.get(0).path("message").asText())
                    .startsWith("the registry's tag " + ref + " now names sha256:")
                    .contains("not the copy the engine holds (pulled as " + pushed + ")");
            // --source registry reads the registry's image, not the engine's
            Cli.Result registryOnly =
                    vouch(env(), "check", ref, "--source", "registry", "--policy", "none", "--format", "json");
            assertThat(texts(registryOnly.json().path("identity").path("facts")))
                    .noneMatch(f -> f.contains("engine"));
        }
    }

    @Test
    void unreachableEnginesAndMissingImagesAreOneLineErrors() throws Exception {
        Map<String, String> gone = new java.util.HashMap<>(env());
        gone.put("DOCKER_HOST", "unix://" + work.resolve("no-such.sock"));
        Cli.Result unreachable = vouch(gone, "inspect", "docker-daemon:myapp:dev");
        assertThat(unreachable.code()).isEqualTo(2);
        assertThat(unreachable.errorLine())
                .isEqualTo("vouch: Docker engine at unix://" + work.resolve("no-such.sock")
                        + " is not reachable: no such socket ($DOCKER_HOST)");

        Cli.Result missing = vouch(env(), "inspect", "docker-daemon:nothing-here:1");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.errorLine())
                .isEqualTo("vouch: nothing-here:1: no such image in the Docker engine at " + engine.host());

        Cli.Result engineOnly = vouch(env(), "inspect", "--source", "engine", "nothing-here:1");
        assertThat(engineOnly.code()).isEqualTo(2);
        assertThat(engineOnly.errorLine())
                .startsWith("vouch: nothing-here:1: not found in a local engine (--source engine); asked ")
                .contains("Docker engine at " + engine.host() + ": no such image");

        // neither the engine nor the registry: the registry's error, and what the engines said
        Cli.Result neither = vouch(env(), "inspect", "127.0.0.1:9/team/none:1");
        assertThat(neither.code()).isEqualTo(2);
        assertThat(neither.errorLine())
                .contains("127.0.0.1:9")
                .contains("(and no local engine has it: Docker engine at " + engine.host() + ": no such image");

        Cli.Result badScheme = vouch(
                Map.of("DOCKER_HOST", "ssh://me@host", "HOME", work.toString()), "inspect", "docker-daemon:myapp:dev");
        assertThat(badScheme.code()).isEqualTo(2);
        assertThat(badScheme.errorLine())
                .isEqualTo("vouch: $DOCKER_HOST=ssh://me@host: the ssh scheme is not supported (vouch speaks to"
                        + " unix:// and tcp:// addresses)");
    }

    @Test
    void theExportLeavesNoFileBehind() throws Exception {
        Path tmp = work.resolve("tmp");
        Files.createDirectories(tmp);
        String before = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            assertThat(vouch(env(), "layers", "myapp:dev").code()).isZero();
            // nor does an image the engine lacks
            assertThat(vouch(env(), "inspect", "docker-daemon:sha256:0000").code())
                    .isEqualTo(2);
        } finally {
            System.setProperty("java.io.tmpdir", before);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    /** A small image of its own, so that pushing it changes no other test's image; returns its name. */
    private static String build(String name) throws Exception {
        Path dir = work.resolve("ctx-" + name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Dockerfile"), "FROM localhost/bb:1\nRUN echo " + name + " > /" + name + "\n");
        engine.docker("build", "--network", "none", "-t", "only-" + name + ":1", dir.toString());
        return "only-" + name + ":1";
    }

    private static JsonNode checkJson(String image) throws Exception {
        // every layer read, so that the reports compared differ only by where the image came from
        Cli.Result r = vouch(env(), "check", "--no-cache", image, "--policy", "none", "--format", "json");
        assertThat(r.code()).as(image + ": " + r.err()).isZero();
        return r.json();
    }

    /** The report without what names its source (the reference and where it was read from). */
    private static JsonNode withoutSource(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        copy.remove("image");
        for (String section : List.of("identity", "origin")) {
            ArrayNode facts = (ArrayNode) copy.path(section).path("facts");
            List<JsonNode> kept = new ArrayList<>();
            for (JsonNode f : facts) {
                String t = f.asText();
                if (!t.startsWith("read from")
                        && !t.startsWith("reference ")
                        && !t.startsWith("named by tag")
                        && !t.startsWith("a local build")
                        && !t.startsWith("docker.io")) {
                    kept.add(f);
                }
            }
            facts.removeAll();
            facts.addAll(kept);
        }
        return copy;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
