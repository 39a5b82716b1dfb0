package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vouch trace} on real buildah builds (the app fixture on the Debian fixture, and the same Dockerfile built
 * with --squash) and on crafted configs in BuildKit's history dialect.
 */
class TraceCommandTest {
    @TempDir
    Path tmp;

    private static String app() throws Exception {
        return "oci:" + Fixtures.dir().resolve("app") + ":1";
    }

    private static String debian() throws Exception {
        return "oci:" + Fixtures.dir().resolve("debian") + ":bookworm";
    }

    private static Path appDockerfile() {
        return Fixtures.root().resolve("fixtures/app/Dockerfile");
    }

    private static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            String line = f.path("location").path("line").isMissingNode()
                    ? ""
                    : ":" + f.path("location").path("line").asInt();
            out.add(f.path("id").asText() + line + " " + f.path("severity").asText());
        }
        return out;
    }

    private static List<String> layerLines(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : report.path("reconciliation").path("layers")) {
            out.add("L" + l.path("layer").asInt() + "=" + l.path("line").asInt() + " "
                    + l.path("instruction").asText());
        }
        return out;
    }

    @Test
    void theAppIsVerifiedOnItsBaseAndItsHistoryIsItsDockerfileLineByLine() throws Exception {
        Cli.Result r = Cli.run(
                "trace", "--format", "json", "--dockerfile", appDockerfile().toString(), "--base", debian(), app());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("base").path("status").asText()).isEqualTo("VERIFIED");
        assertThat(j.path("base").path("baseLayers").asInt()).isEqualTo(1);
        assertThat(j.path("base").path("declaredBy").asText()).isEqualTo("--base");
        JsonNode rec = j.path("reconciliation");
        assertThat(rec.path("status").asText()).isEqualTo("VERIFIED");
        // every layer the Dockerfile made, tied to its line
        assertThat(layerLines(j)).containsExactly("L1=12 RUN", "L2=16 COPY", "L3=17 RUN", "L4=21 RUN");
        List<String> states = new ArrayList<>();
        for (JsonNode e : rec.path("entries")) {
            states.add(e.path("state").asText()
                    + (e.has("line") ? " " + e.path("line").asInt() : ""));
        }
        assertThat(states)
                .containsExactly(
                        "BASE",
                        "MATCHED 9",
                        "MATCHED 11",
                        "MATCHED 12",
                        "MATCHED 16",
                        "MATCHED 17",
                        "MATCHED 21",
                        "MATCHED 24",
                        "MATCHED 25",
                        "MATCHED 26",
                        "MATCHED 27",
                        "MATCHED 28",
                        "MATCHED 29");
        for (JsonNode f : rec.path("config")) {
            assertThat(f.path("agrees").asBoolean()).as(f.toString()).isTrue();
        }
        // the token in ENV is compared but never printed
        assertThat(r.out()).doesNotContain("fixture-token-not-real");
        assertThat(j.path("provenance")
                        .path("fields")
                        .path("source")
                        .path("value")
                        .asText())
                .isEqualTo("https://example.invalid/vouch/fixture-app");
        assertThat(findings(j)).containsExactly("TR012 INFO");
    }

    @Test
    void anotherBaseIsAMismatchNamingTheLayer() throws Exception {
        Cli.Result r = Cli.run(
                "trace", "--format", "json", "--base", "oci:" + Fixtures.dir().resolve("pkgs") + ":1", app());
        assertThat(r.code()).isEqualTo(1);
        JsonNode base = r.json().path("base");
        assertThat(base.path("status").asText()).isEqualTo("MISMATCH");
        assertThat(base.path("reason").asText()).startsWith("layer 1 is sha256:");
        assertThat(findings(r.json())).containsExactly("TR001 HIGH", "TR012 INFO");
    }

    @Test
    void aSquashedBuildIsUnverifiableNotVerified() throws Exception {
        Cli.Result r = Cli.run(
                "trace",
                "--format",
                "json",
                "--dockerfile",
                appDockerfile().toString(),
                "--base",
                debian(),
                "oci:" + Fixtures.dir().resolve("app-squashed") + ":1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("base").path("status").asText()).isEqualTo("UNVERIFIABLE");
        assertThat(j.path("base").path("reason").asText()).contains("squashed");
        assertThat(j.path("reconciliation").path("status").asText()).isEqualTo("UNVERIFIABLE");
        assertThat(findings(j)).containsExactly("TR008 INFO", "TR008 INFO", "TR012 INFO");
    }

    private JsonNode traceWith(String dockerfileText) throws Exception {
        Path f = tmp.resolve("Dockerfile." + Integer.toHexString(dockerfileText.hashCode()));
        Files.writeString(f, dockerfileText);
        Cli.Result r = Cli.run("trace", "--format", "json", "--dockerfile", f.toString(), "--base", debian(), app());
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        assertThat(r.json().path("reconciliation").path("status").asText()).isEqualTo("MISMATCH");
        return r.json();
    }

    @Test
    void aChangedRemovedOrAddedLineIsCaught() throws Exception {
        String original = Files.readString(appDockerfile());
        // one RUN changed (line 17): its layer is unexplained, its line missing
        String changed = original.replace("printf 'charlie'", "printf 'delta'");
        assertThat(changed).isNotEqualTo(original);
        JsonNode c = traceWith(changed);
        assertThat(findings(c)).containsExactly("TR003 HIGH", "TR004:17 MEDIUM", "TR012 INFO");
        assertThat(c.path("findings").path(0).path("location").path("layer").asInt())
                .isEqualTo(3);
        // one RUN removed (lines 21-23): the layer it made is unexplained, nothing is missing
        String removed = original.replaceAll("(?s)RUN cp /bin/true.*?chmod 0777 /opt/app/drop\n", "");
        assertThat(removed).isNotEqualTo(original);
        JsonNode rm = traceWith(removed);
        assertThat(findings(rm)).containsExactly("TR003 HIGH", "TR012 INFO");
        assertThat(rm.path("findings").path(0).path("location").path("layer").asInt())
                .isEqualTo(4);
        // one RUN added before WORKDIR (line 24): missing from the history, every layer still explained
        String added = original.replace("WORKDIR /opt/app\n", "RUN touch /added\nWORKDIR /opt/app\n");
        JsonNode ad = traceWith(added);
        assertThat(findings(ad)).containsExactly("TR004:24 MEDIUM", "TR012 INFO");
        // a config value the image does not have
        String user = original.replace("USER 1000:1000", "USER 2000");
        JsonNode u = traceWith(user);
        // the image's USER entry is unexplained (a config-only entry: medium), line 27 is missing, and differs
        assertThat(findings(u)).containsExactly("TR003 MEDIUM", "TR004:27 MEDIUM", "TR005:27 MEDIUM", "TR012 INFO");
    }

    @Test
    void buildKitsHistoryDialectIsReconciledToo() throws Exception {
        byte[] run = new Crafted.Tar().file("v", "1\n").bytes();
        byte[] copy = new Crafted.Tar().dir("etc").file("etc/app.conf", "x=1\n").bytes();
        byte[] exec = new Crafted.Tar().file("hi", "").bytes();
        Crafted.Layout img = Crafted.layout(
                tmp.resolve("bk"),
                List.of(
                        Crafted.LayerBlob.gzipped(run),
                        Crafted.LayerBlob.gzipped(copy),
                        Crafted.LayerBlob.gzipped(exec)),
                0,
                config -> {
                    ObjectNode c = (ObjectNode) config.path("config");
                    c.putArray("Cmd").add("/app").add("--serve");
                    c.putArray("Env").add("K=v w");
                    c.put("User", "1000");
                    c.putObject("ExposedPorts").putObject("80/tcp");
                    c.put("WorkingDir", "/srv");
                    ArrayNode h = config.putArray("history");
                    h.addObject().put("created_by", "ARG V=1").put("empty_layer", true);
                    h.addObject().put("created_by", "RUN |1 V=1 /bin/sh -c echo $V > /v # buildkit");
                    h.addObject().put("created_by", "COPY app.conf /etc/app.conf # buildkit");
                    h.addObject().put("created_by", "RUN /bin/touch /hi # buildkit");
                    h.addObject().put("created_by", "ENV K=v w").put("empty_layer", true);
                    h.addObject().put("created_by", "WORKDIR /srv").put("empty_layer", true);
                    h.addObject().put("created_by", "USER 1000").put("empty_layer", true);
                    h.addObject().put("created_by", "EXPOSE map[80/tcp:{}]").put("empty_layer", true);
                    h.addObject()
                            .put("created_by", "CMD [\"/app\" \"--serve\"]")
                            .put("empty_layer", true);
                });
        Path df = tmp.resolve("Dockerfile.bk");
        Files.writeString(df, """
                FROM scratch
                ARG V=1
                RUN echo $V > /v
                COPY app.conf /etc/app.conf
                RUN ["/bin/touch", "/hi"]
                ENV K="v w"
                WORKDIR /srv
                USER 1000
                EXPOSE 80
                CMD ["/app", "--serve"]
                """);
        Cli.Result r = Cli.run("trace", "--format", "json", "--dockerfile", df.toString(), "oci:" + img.dir());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("base").path("status").asText()).isEqualTo("VERIFIED");
        assertThat(j.path("base").path("base").asText()).isEqualTo("scratch");
        assertThat(j.path("reconciliation").path("status").asText())
                .as(j.path("reconciliation").toString())
                .isEqualTo("VERIFIED");
        assertThat(layerLines(j)).containsExactly("L0=3 RUN", "L1=4 COPY", "L2=5 RUN");
        // no source or revision declared: low findings, so the image cannot be traced to code
        assertThat(findings(j)).containsExactly("TR012 INFO", "TR006 LOW", "TR007 LOW");
    }

    /** An SLSA v0.2 statement as BuildKit writes one (mode=min), about {@code subject}. */
    private static String slsa02(String subject) {
        return """
                {"_type": "https://in-toto.io/Statement/v0.1", "predicateType": "https://slsa.dev/provenance/v0.2",
                 "subject": [{"name": "pkg:docker/example/app@1?platform=linux%2Famd64", "digest": {"sha256": "%s"}}],
                 "predicate": {"builder": {"id": "https://github.com/example/app/actions/runs/1"},
                   "buildType": "https://mobyproject.org/buildkit@v1",
                   "materials": [{"uri": "pkg:docker/debian@bookworm?platform=linux%2Famd64",
                                  "digest": {"sha256": "8333e9f35b30f0ace06cb77e697ecbbb234f75bec24b4c9bcc74e7f7f3749445"}}],
                   "invocation": {"configSource": {"uri": "https://github.com/example/app.git#refs/heads/main",
                                                   "digest": {"sha1": "0123456789abcdef0123456789abcdef01234567"},
                                                   "entryPoint": "Dockerfile"},
                                  "parameters": {"frontend": "dockerfile.v0", "args": {"build-arg:V": "1"}}}}}
                """.replace("%s", subject.substring("sha256:".length()));
    }

    @Test
    void buildKitsAttestationManifestIsReadAndCheckedAgainstTheImage() throws Exception {
        byte[] layer = new Crafted.Tar().file("x", "x").bytes();
        Crafted.Layout img = Crafted.layout(
                tmp.resolve("att"),
                List.of(Crafted.LayerBlob.gzipped(layer)),
                0,
                c -> ((ObjectNode) c.path("config"))
                        .putObject("Labels")
                        .put("org.opencontainers.image.source", "https://github.com/example/app")
                        .put("org.opencontainers.image.revision", "0123456789abcdef0123456789abcdef01234567"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        // two statements: one about this image, one about another
        byte[] good = slsa02(img.manifestDigest()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] other = slsa02("sha256:" + "ab".repeat(32)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] config = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectNode att = json.createObjectNode();
        att.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        att.putObject("config")
                .put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", Crafted.write(img.dir(), config))
                .put("size", config.length);
        for (byte[] st : List.of(good, other)) {
            ObjectNode l = att.withArray("layers").addObject();
            l.put("mediaType", "application/vnd.in-toto+json")
                    .put("digest", Crafted.write(img.dir(), st))
                    .put("size", st.length);
            l.putObject("annotations").put("in-toto.io/predicate-type", "https://slsa.dev/provenance/v0.2");
        }
        byte[] attBytes = json.writeValueAsBytes(att);
        ObjectNode index = json.createObjectNode();
        index.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        JsonNode top = json.readTree(img.dir().resolve("index.json").toFile())
                .path("manifests")
                .path(0);
        ObjectNode imageDesc = index.withArray("manifests").addObject();
        imageDesc
                .put("mediaType", top.path("mediaType").asText())
                .put("digest", top.path("digest").asText())
                .put("size", top.path("size").asLong());
        imageDesc.putObject("platform").put("architecture", "amd64").put("os", "linux");
        ObjectNode attDesc = index.withArray("manifests").addObject();
        attDesc.put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", Crafted.write(img.dir(), attBytes))
                .put("size", attBytes.length);
        attDesc.putObject("platform").put("architecture", "unknown").put("os", "unknown");
        attDesc.putObject("annotations")
                .put("vnd.docker.reference.type", "attestation-manifest")
                .put("vnd.docker.reference.digest", img.manifestDigest());
        byte[] indexBytes = json.writeValueAsBytes(index);
        ObjectNode outer = json.createObjectNode();
        outer.put("schemaVersion", 2);
        ObjectNode d = outer.withArray("manifests").addObject();
        d.put("mediaType", "application/vnd.oci.image.index.v1+json")
                .put("digest", Crafted.write(img.dir(), indexBytes))
                .put("size", indexBytes.length);
        d.putObject("annotations").put("org.opencontainers.image.ref.name", "1");
        java.nio.file.Files.write(img.dir().resolve("index.json"), json.writeValueAsBytes(outer));

        Cli.Result r = Cli.run("trace", "--format", "json", "oci:" + img.dir() + ":1");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode atts = r.json().path("attestations");
        assertThat(atts.size()).isEqualTo(2);
        JsonNode a = atts.path(0);
        assertThat(a.path("subjectMatches").asBoolean()).isTrue();
        assertThat(a.path("builderId").asText()).isEqualTo("https://github.com/example/app/actions/runs/1");
        assertThat(a.path("sourceRepository").asText()).isEqualTo("https://github.com/example/app.git#refs/heads/main");
        assertThat(a.path("sourceRevision").asText()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(a.path("parameters").path("args.build-arg:V").asText()).isEqualTo("1");
        assertThat(a.path("materials").path(0).asText())
                .isEqualTo(
                        "pkg:docker/debian@bookworm?platform=linux%2Famd64@sha256:8333e9f35b30f0ace06cb77e697ecbbb234f75bec24b4c9bcc74e7f7f3749445");
        assertThat(atts.path(1).path("subjectMatches").asBoolean()).isFalse();
        // the second statement is about another image: high; the source agrees with the label (no TR010)
        assertThat(findings(r.json())).containsExactly("TR008 INFO", "TR009 HIGH");
        // how a label and a provenance source are compared (TR010 fires when they differ)
        assertThat(Tracer_sameRepository(
                        "https://github.com/example/app", "git+https://github.com/example/app.git@refs/heads/main"))
                .isTrue();
    }

    private static boolean Tracer_sameRepository(String a, String b) {
        return dev.vouch.trace.Tracer.sameRepository(a, b);
    }

    @Test
    void aStageBuiltOnAnotherStageAndTargetAndBuildArgsAreFollowed() throws Exception {
        byte[] one = new Crafted.Tar().file("a", "a").bytes();
        byte[] two = new Crafted.Tar().file("b", "a").bytes();
        Crafted.Layout img = Crafted.layout(
                tmp.resolve("multi"),
                List.of(Crafted.LayerBlob.gzipped(one), Crafted.LayerBlob.gzipped(two)),
                0,
                config -> {
                    ((ObjectNode) config.path("config")).put("User", "1");
                    ArrayNode h = config.putArray("history");
                    h.addObject().put("created_by", "COPY a /a # buildkit");
                    h.addObject().put("created_by", "COPY /a /b # buildkit");
                    h.addObject().put("created_by", "USER 1").put("empty_layer", true);
                });
        Path df = tmp.resolve("Dockerfile.multi");
        Files.writeString(df, """
                ARG DEST=/b
                FROM scratch AS base
                COPY a /a
                FROM base AS final
                ARG DEST
                COPY --from=base /a ${DEST}
                USER 1
                FROM base AS other
                RUN never
                """);
        // the final stage by name, built on "base": both stages' instructions explain the history
        Cli.Result r = Cli.run(
                "trace", "--format", "json", "--dockerfile", df.toString(), "--target", "final", "oci:" + img.dir());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("reconciliation").path("status").asText())
                .as(r.json().path("reconciliation").toString())
                .isEqualTo("VERIFIED");
        assertThat(layerLines(r.json())).containsExactly("L0=3 COPY", "L1=6 COPY");
        // a build arg that changes the destination: the COPY no longer matches
        Cli.Result other = Cli.run(
                "trace",
                "--format",
                "json",
                "--dockerfile",
                df.toString(),
                "--target",
                "final",
                "--build-arg",
                "DEST=/c",
                "oci:" + img.dir());
        assertThat(other.json().path("reconciliation").path("status").asText()).isEqualTo("MISMATCH");
        // the last stage (other) is not what was built: its RUN is missing, the second COPY unexplained
        Cli.Result last = Cli.run("trace", "--format", "json", "--dockerfile", df.toString(), "oci:" + img.dir());
        assertThat(findings(last.json())).contains("TR003 HIGH", "TR004:9 MEDIUM");
        Cli.Result unknown = Cli.run("trace", "--dockerfile", df.toString(), "--target", "nope", "oci:" + img.dir());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--target nope: " + df + " has no stage of that name");
    }

    @Test
    void aDeclaredBaseThatTheLayersDoNotShowIsHigh() throws Exception {
        byte[] layer = new Crafted.Tar().file("x", "x").bytes();
        String declared = debian();
        Crafted.Layout img = Crafted.layout(
                tmp.resolve("decl"),
                List.of(Crafted.LayerBlob.gzipped(layer)),
                0,
                c -> ((ObjectNode) c.path("config"))
                        .putObject("Labels")
                        .put("org.opencontainers.image.base.name", declared));
        Cli.Result r = Cli.run("trace", "--format", "json", "oci:" + img.dir());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.json().path("base").path("declaredBy").asText()).isEqualTo("label");
        assertThat(findings(r.json())).containsExactly("TR002 HIGH", "TR012 INFO", "TR006 LOW", "TR007 LOW");
        // with nothing declared, nothing given: unverifiable, and said so
        Crafted.Layout bare = Crafted.layout(tmp.resolve("bare"), List.of(Crafted.LayerBlob.gzipped(layer)), 0);
        JsonNode b = Cli.run("trace", "--format", "json", "oci:" + bare.dir()).json();
        assertThat(b.path("base").path("status").asText()).isEqualTo("UNVERIFIABLE");
        assertThat(b.path("base").path("reason").asText()).startsWith("no base declared");
    }

    @Test
    void aRecordedBaseThisMachineCannotReadGivesWayToTheDockerfilesFrom() throws Exception {
        byte[] baseLayer = new Crafted.Tar().file("etc/os", "base\n").bytes();
        byte[] appLayer = new Crafted.Tar().file("app", "app\n").bytes();
        Crafted.Layout base = Crafted.layout(
                tmp.resolve("recorded-base"),
                List.of(Crafted.LayerBlob.gzipped(baseLayer)),
                0,
                c -> c.putArray("history").addObject().put("created_by", "base"));
        // buildah records the base it read from a layout under a local storage name no one else can read
        Crafted.Layout img = Crafted.layout(
                tmp.resolve("recorded-app"),
                List.of(Crafted.LayerBlob.gzipped(baseLayer), Crafted.LayerBlob.gzipped(appLayer)),
                0,
                c -> {
                    ((ObjectNode) c.path("config"))
                            .putObject("Labels")
                            .put("org.opencontainers.image.base.name", "oci:" + tmp.resolve("gone") + ":1");
                    ArrayNode h = c.putArray("history");
                    h.addObject().put("created_by", "base");
                    h.addObject().put("created_by", "COPY app /app # buildkit");
                });
        Path df = tmp.resolve("Dockerfile.recorded");
        Files.writeString(df, "ARG BASE\nFROM ${BASE}\nCOPY app /app\n");
        JsonNode j = Cli.run(
                        "trace",
                        "--format",
                        "json",
                        "--dockerfile",
                        df.toString(),
                        "--build-arg",
                        "BASE=oci:" + base.dir(),
                        "oci:" + img.dir())
                .json();
        assertThat(j.path("base").path("status").asText())
                .as(j.path("base").toString())
                .isEqualTo("VERIFIED");
        assertThat(j.path("base").path("declaredBy").asText()).isEqualTo("Dockerfile");
        assertThat(j.path("base").path("baseLayers").asInt()).isEqualTo(1);
        // without the Dockerfile the recorded base is all there is: unverifiable, saying why
        JsonNode alone =
                Cli.run("trace", "--format", "json", "oci:" + img.dir()).json();
        assertThat(alone.path("base").path("status").asText()).isEqualTo("UNVERIFIABLE");
        assertThat(alone.path("base").path("declaredBy").asText()).isEqualTo("label");
        assertThat(alone.path("base").path("reason").asText()).startsWith("the base image could not be read: ");
    }
}
