package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vouch check} end to end on the real fixture images, locally and from a real registry. */
class CheckCommandTest {
    @TempDir
    static Path work;

    static TestRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.open(work.resolve("registry"));
        registry.push("oci:" + Fixtures.dir().resolve("app") + ":1", "c/app:1", false);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    /** A check as JSON; evidence only (--policy none) unless the test names a policy. */
    private static Cli.Result check(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--format", "json"));
        if (!List.of(args).contains("--policy")) {
            all.addAll(List.of("--policy", "none"));
        }
        all.addAll(List.of(args));
        return Cli.runIn(env, "", all.toArray(String[]::new));
    }

    private static Map<String, String> env(String home) {
        return Cli.freshUser(work.resolve(home));
    }

    /** section -> "STATUS id id …" */
    private static String section(JsonNode report, String name) {
        StringBuilder b = new StringBuilder(report.path(name).path("status").asText());
        report.path(name)
                .path("findings")
                .forEach(f -> b.append(' ').append(f.path("id").asText()));
        return b.toString();
    }

    @Test
    void theAppWithItsDockerfileAndBase() throws Exception {
        Cli.Result r = check(
                env("h1"),
                "--dockerfile",
                Fixtures.root().resolve("fixtures/app/Dockerfile").toString(),
                "--base",
                "oci:" + Fixtures.dir().resolve("debian") + ":bookworm",
                "oci:" + Fixtures.dir().resolve("app") + ":1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("verdict").asText()).isEqualTo("no policy");
        assertThat(section(j, "identity")).isEqualTo("NEEDS_REVIEW");
        assertThat(section(j, "origin")).isEqualTo("VERIFIED TR012");
        assertThat(section(j, "build")).isEqualTo("FAILED DF001 DF013 DF015 DF016");
        assertThat(section(j, "contents")).isEqualTo("FAILED SEC002 SEC003 SEC020 SEC014 CK010 CK011");
        assertThat(section(j, "runtime")).isEqualTo("VERIFIED");
        // the remnant is tied to the Dockerfile line that made its layer; the base's setuid files are facts
        assertThat(j.path("contents").path("findings").path(0).path("message").asText())
                .isEqualTo("deleted in a later layer but still shipped: AWS access key id at /root/.aws/credentials"
                        + " (layer 1, Dockerfile line 12)");
        assertThat(j.path("contents").path("facts").toString())
                .contains("setuid/setgid file(s) from the verified base image");
        assertThat(j.path("contents").path("facts").toString())
                .contains("vulnerabilities not checked: no vulnerability database");
        assertThat(j.path("identity").path("facts").toString()).contains("signatures not checked");
        assertThat(j.path("reviewQueue").path(0).asText()).startsWith("critical [SEC002]");
        assertThat(r.out()).doesNotContain("fixture-token-not-real").doesNotContain("AKIAFIXTUREFIXTURE00");
        // the text report leads with the verdict and says the same
        Cli.Result text =
                Cli.runIn(env("h1"), "", "check", "oci:" + Fixtures.dir().resolve("app") + ":1");
        // the baseline policy by default: the verdict and how many of its rules failed
        assertThat(text.out())
                .startsWith("oci:" + Fixtures.dir().resolve("app") + ":1\nverdict: fail (1 of 5 policy rules failed,"
                        + " 1 warning)\n");
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.out()).contains("[failed]       What is inside?").contains("review queue (");
        // not a terminal: 100 columns, lines wrap with a hanging indent and nothing is cut (only a single word longer
        // than the line, such as a long evidence list, stands alone past it)
        assertThat(text.out().lines())
                .allMatch(l -> l.length() <= 100 || !l.strip().contains(" ") || l.contains("evidence:"));
        // nothing cut: every fact and every shown finding of the same report is in the text whole, once the
        // wrapping is undone
        String unwrapped = text.out().replaceAll("\\s+", " ");
        JsonNode same = check(
                        env("h1"),
                        "--policy",
                        "baseline",
                        "oci:" + Fixtures.dir().resolve("app") + ":1")
                .json();
        for (String section : List.of("identity", "origin", "build", "contents", "runtime")) {
            same.path(section).path("facts").forEach(f -> assertThat(unwrapped).contains(f.asText()));
            for (int k = 0; k < Math.min(8, same.path(section).path("findings").size()); k++) {
                assertThat(unwrapped)
                        .contains(same.path(section)
                                .path("findings")
                                .path(k)
                                .path("message")
                                .asText()
                                .replaceAll("\\s+", " "));
            }
        }
        assertThat(text.out()).contains("more (--verbose)").doesNotContain("\u001b[");
        assertThat(Cli.runIn(
                                env("h1"),
                                "",
                                "check",
                                "--policy",
                                "none",
                                "oci:" + Fixtures.dir().resolve("app") + ":1")
                        .out())
                .startsWith("oci:" + Fixtures.dir().resolve("app") + ":1\nverdict: no policy\n");
        Cli.Result verbose = Cli.runIn(
                env("h1"), "", "check", "--verbose", "oci:" + Fixtures.dir().resolve("app") + ":1");
        assertThat(verbose.out()).doesNotContain("more (--verbose)").contains("/usr/sbin/unix_chkpwd");
    }

    private static List<String> failed(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("policy").forEach(p -> {
            if (!p.path("passed").asBoolean()) {
                out.add(p.path("id").asText());
            }
        });
        return out;
    }

    @Test
    void baselineAndStrictDecideAndTheReportOnDiskGivesTheSameVerdict() throws Exception {
        String[] app = {
            "--dockerfile",
            Fixtures.root().resolve("fixtures/app/Dockerfile").toString(),
            "--base",
            "oci:" + Fixtures.dir().resolve("debian") + ":bookworm",
            "oci:" + Fixtures.dir().resolve("app") + ":1"
        };
        List<String> args = new ArrayList<>(List.of("--policy", "baseline"));
        args.addAll(List.of(app));
        Cli.Result baseline = check(env("p1"), args.toArray(String[]::new));
        assertThat(baseline.code()).isEqualTo(1);
        assertThat(baseline.json().path("verdict").asText()).isEqualTo("fail");
        assertThat(failed(baseline.json())).containsExactly("no-secrets", "vulnerabilities-checked");
        // each failed rule comes with the facts its expression read
        JsonNode noSecrets = baseline.json().path("policy").path(2);
        assertThat(noSecrets.path("id").asText()).isEqualTo("no-secrets");
        assertThat(noSecrets.path("evidence").asText()).startsWith("secrets=[{\"id\":\"SEC002\"");
        assertThat(baseline.json().path("policy").path(0).has("evidence")).isFalse();
        args.set(1, "strict");
        Cli.Result strict = check(env("p1"), args.toArray(String[]::new));
        assertThat(failed(strict.json()))
                .containsExactly("no-secrets", "signed", "base-pinned", "provenance", "vulnerabilities-checked");
        // the report written to disk, evaluated later, gives the same verdict and the same failed rules
        Path report = work.resolve("report.json");
        List<String> toDisk = new ArrayList<>(List.of("-o", report.toString()));
        toDisk.addAll(List.of(app));
        assertThat(check(env("p1"), toDisk.toArray(String[]::new)).code()).isZero();
        Cli.Result later = Cli.runIn(env("p1"), "", "policy", "eval", "strict", "--report", report.toString());
        assertThat(later.code()).isEqualTo(1);
        assertThat(later.out())
                .startsWith("verdict: fail\n")
                .contains(
                        "deny no-secrets:",
                        "deny signed:",
                        "deny base-pinned:",
                        "deny provenance:",
                        "warn vulnerabilities-checked:");
        // a warn rule alone does not fail the verdict
        Path warnOnly = Files.writeString(work.resolve("warn.yaml"), """
                name: warn-only
                rules:
                  - id: has-db
                    severity: warn
                    message: no database
                    expr: report.facts.vulnerabilitiesChecked
                  - id: not-root
                    expr: "!report.facts.user.isRoot"
                """);
        assertThat(Cli.runIn(env("p1"), "", "policy", "eval", warnOnly.toString(), "--report", report.toString())
                        .code())
                .isZero();
    }

    @Test
    void aBrokenPolicyIsAnErrorWithItsPosition() throws Exception {
        Path bad = Files.writeString(work.resolve("bad.yaml"), """
                name: bad
                rules:
                  - id: not-boolean
                    expr: "1 + 1"
                  - id: syntax
                    expr: "report.facts.user.isRoot &&"
                """);
        Cli.Result r = Cli.runIn(env("p2"), "", "policy", "check", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains(bad + ": rule not-boolean: 1:3: expected type 'bool' but found 'int'")
                .contains(bad + ": rule syntax: 1:28:");
        // check refuses it before reading the image
        Cli.Result c = check(env("p2"), "--policy", bad.toString(), "oci:/nonexistent");
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).contains("rule not-boolean");
        Path unknown = Files.writeString(work.resolve("unknown.yaml"), "name: x\nrules:\n  - id: a\n    exprr: true\n");
        Cli.Result u = Cli.runIn(env("p2"), "", "policy", "check", unknown.toString());
        assertThat(u.err()).contains(unknown + ": rules[0]: unknown key 'exprr'");
        assertThat(Cli.runIn(env("p2"), "", "policy", "check", "strict").out())
                .isEqualTo("strict: 11 rule(s), valid\n");
    }

    /** The README's demo command (its Dockerfile, base and advisories) with these options first. */
    private static Cli.Result demo(String home, String... options) {
        Path root = Fixtures.root();
        List<String> args = new ArrayList<>(List.of("check"));
        if (!List.of(options).contains("--policy") && !List.of(options).contains("--readme-default")) {
            args.addAll(List.of("--policy", "none"));
        }
        args.addAll(List.of(options).stream()
                .filter(o -> !o.equals("--readme-default"))
                .toList());
        args.addAll(List.of(
                "--dockerfile",
                root.resolve("examples/demo-src/Dockerfile").toString(),
                "--base",
                "oci:" + root.resolve("examples/demo-base") + ":1",
                "--osv",
                root.resolve("examples/demo-src/osv").toString(),
                "oci:" + root.resolve("examples/demo")));
        return Cli.runIn(env(home), "", args.toArray(String[]::new));
    }

    @Test
    void theQuickStartsFirstCommandWorksOnTheShippedDemo() throws Exception {
        // README: the demo with its Dockerfile, its committed base and its own vulnerability data, on a fresh
        // machine (no database, no keys, no network)
        Cli.Result r = demo("demo", "--format", "json", "--readme-default");
        // the baseline policy applies by default: three of its deny rules fail, exit 1
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode j = r.json();
        assertThat(j.path("verdict").asText()).isEqualTo("fail");
        List<String> failedRules = new ArrayList<>();
        j.path("policy").forEach(o -> {
            if (!o.path("passed").asBoolean()) {
                failedRules.add(o.path("id").asText() + ": " + o.path("fix").asText());
            }
        });
        assertThat(failedRules)
                .containsExactly(
                        "no-fixable-critical-vulnerabilities: rebuild on a base with the fixed package (see the fixed"
                                + " version in the findings) or upgrade the package",
                        "no-secrets: remove the secret from the build (a build secret, RUN --mount=type=secret, or a"
                                + " run-time value) and rotate it: a deleted file still ships in its layer",
                        "not-root: add USER with a non-root uid (for example USER 65532) to the Dockerfile");
        assertThat(section(j, "identity")).isEqualTo("NEEDS_REVIEW");
        assertThat(section(j, "origin")).isEqualTo("VERIFIED TR012");
        assertThat(section(j, "build")).isEqualTo("FAILED DF001 DF011 DF013 DF004 DF005 DF016");
        assertThat(j.path("build").path("facts").toString()).contains("reconciled with the history: VERIFIED");
        assertThat(section(j, "contents")).isEqualTo("FAILED DEMO-2026-0001 SEC020 SEC013 CK010");
        assertThat(j.path("contents").path("findings").path(2).path("message").asText())
                .isEqualTo("deleted in a later layer but still shipped: Password or secret assigned in a settings file"
                        + " at /app/config.env (layer 3, Dockerfile line 15)");
        assertThat(section(j, "runtime")).isEqualTo("NEEDS_REVIEW CK020");
        // the advisory fixed below what ships does not match
        assertThat(r.out()).doesNotContain("DEMO-2026-0002");
        assertThat(r.out()).doesNotContain("demo-not-a-real-password-42").doesNotContain("demo-token-0000");
    }

    @Test
    void sarifHasDockerfileRegionsAndImageLocationsAndIsValid() throws Exception {
        String dockerfile = Fixtures.root().resolve("fixtures/app/Dockerfile").toString();
        Cli.Result r = Cli.runIn(
                env("s1"),
                "",
                "check",
                "--policy",
                "none",
                "--format",
                "sarif",
                "--dockerfile",
                dockerfile,
                "oci:" + Fixtures.dir().resolve("app") + ":1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode log = r.json();
        assertThat(Schemas.sarif210().validate(log)).isEmpty();
        List<String> got = new ArrayList<>();
        for (JsonNode res : log.path("runs").path(0).path("results")) {
            JsonNode loc = res.path("locations").path(0);
            got.add(res.path("ruleId").asText() + " "
                    + (loc.has("physicalLocation")
                            ? loc.path("physicalLocation")
                                            .path("artifactLocation")
                                            .path("uri")
                                            .asText()
                                            .endsWith("fixtures/app/Dockerfile")
                                    + ":"
                                    + loc.path("physicalLocation")
                                            .path("region")
                                            .path("startLine")
                                            .asInt()
                            : loc.path("logicalLocations").path(0).path("name").asText()));
        }
        assertThat(got).contains("DF013 true:11", "DF015 true:21", "SEC002 contents", "CK011 contents");
        assertThat(r.out()).doesNotContain("AKIAFIXTUREFIXTURE00");
    }

    @Test
    void theHtmlReportIsOneSelfContainedFileThatChromiumRenders() throws Exception {
        Path html = work.resolve("report.html");
        Cli.Result r = demo("html", "--format", "html", "-o", html.toString(), "--readme-default");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        String page = Files.readString(html);
        // the banner is coloured by the verdict and counts the failed rules; each failed rule shows its evidence and
        // what to do; sizes read in human units with the exact bytes on hover
        assertThat(page)
                .contains("<div class=\"banner fail\" id=\"verdict\">Verdict: fail (3 of 5 policy rules failed)")
                .contains("not-root: the image runs as root<br><small>evidence: <code>user=")
                .contains(
                        "<small>fix: add USER with a non-root uid (for example USER 65532) to the Dockerfile</small>");
        assertThat(java.util.regex.Pattern.compile("title=\"(\\d+) bytes\">[0-9.]+ (B|kB|MB)</td>")
                        .matcher(page)
                        .results()
                        .count())
                .isEqualTo(10); // five layers: size and remnant bytes each
        // nothing is fetched: no external scripts, styles, images or frames, and a policy that forbids them
        assertThat(page)
                .doesNotContain("src=\"")
                .doesNotContain("href=\"")
                .doesNotContain("url(")
                .doesNotContain("@import");
        assertThat(page).contains("Content-Security-Policy").contains("default-src 'none'");
        // secrets are masked here too, the history commands included
        assertThat(page).doesNotContain("demo-not-a-real-password-42").doesNotContain("demo-token-0000");
        // headless Chromium runs the page: the DOM after its script, and a screenshot (kept in the temp dir only)
        List<String> flags = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking");
        List<String> dump = new ArrayList<>(List.of("chromium"));
        dump.addAll(flags);
        dump.addAll(List.of("--dump-dom", html.toUri().toString()));
        Process p = new ProcessBuilder(dump)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(dom).contains("data-ready=\"yes\"");
        List<String> statuses = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<section id=\"(\\w+)\" data-status=\"(\\w+)\"")
                .matcher(dom);
        while (m.find()) {
            statuses.add(m.group(1) + " " + m.group(2));
        }
        assertThat(statuses)
                .containsExactly(
                        "identity NEEDS_REVIEW",
                        "origin VERIFIED",
                        "build FAILED",
                        "contents FAILED",
                        "runtime NEEDS_REVIEW");
        assertThat(dom.split("<tr data-layer=", -1)).hasSize(6); // five layers
        assertThat(dom).contains("<td>DEMO-2026-0001</td>").doesNotContain("DEMO-2026-0002");
        assertThat(dom).contains("<td>15</td>"); // the layer the password was written in, tied to line 15
        Path png = work.resolve("report.png");
        List<String> shot = new ArrayList<>(List.of("chromium"));
        shot.addAll(flags);
        shot.addAll(List.of(
                "--window-size=1200,1800", "--screenshot=" + png, html.toUri().toString()));
        Process s = new ProcessBuilder(shot)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(s.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        byte[] image = Files.readAllBytes(png);
        assertThat(image.length).isGreaterThan(10_000);
        assertThat(java.util.Arrays.copyOf(image, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    @Test
    void cycloneDxCarriesThePackagesAndTheirVulnerabilities() throws Exception {
        Path root = Fixtures.root();
        Cli.Result r = Cli.runIn(
                env("bom"),
                "",
                "check",
                "--policy",
                "none",
                "--format",
                "cyclonedx",
                "--osv",
                root.resolve("examples/demo-src/osv").toString(),
                "oci:" + root.resolve("examples/demo"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new org.cyclonedx.parsers.JsonParser()
                        .validate(
                                r.out().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                org.cyclonedx.Version.VERSION_16))
                .isEmpty();
        JsonNode bom = r.json();
        assertThat(bom.path("components").toString()).contains("pkg:deb/debian/busybox-static");
        assertThat(bom.path("vulnerabilities").path(0).path("id").asText()).isEqualTo("DEMO-2026-0001");
        assertThat(bom.path("vulnerabilities")).hasSize(1);
    }

    @Test
    void anImageThatSaysNothingOfItsOriginIsUnknownThere() throws Exception {
        // a crafted image: no labels, no history, no base declared
        byte[] layer = new Crafted.Tar().file("x", "x").bytes();
        Crafted.Layout img = Crafted.layout(work.resolve("bare"), List.of(Crafted.LayerBlob.gzipped(layer)), 0);
        JsonNode j = check(env("bare"), "oci:" + img.dir()).json();
        assertThat(j.path("origin").path("status").asText()).isEqualTo("UNKNOWN");
        assertThat(j.path("build").path("status").asText()).isEqualTo("UNKNOWN");
        assertThat(j.path("build").path("facts").toString()).contains("the image has no history either");
    }

    @Test
    void withoutADockerfileTheHistoryIsAudited() throws Exception {
        JsonNode j =
                check(env("h2"), "oci:" + Fixtures.dir().resolve("app") + ":1").json();
        assertThat(section(j, "build")).isEqualTo("NEEDS_REVIEW DF015 DF016");
        assertThat(j.path("build").path("findings").path(0).path("message").asText())
                .startsWith("history entry 6: chmod 0777");
        assertThat(section(j, "origin")).isEqualTo("NEEDS_REVIEW TR008 TR012");
    }

    @Test
    void vulnerabilitiesRootAndARealRegistryWithSignatureAndLock() throws Exception {
        Map<String, String> env = env("h3");
        // a database with one record for apt in the Debian fixture (2.6.2 installed, fixed in 2.6.3, CVSS 9.8)
        Path records = Files.createDirectories(work.resolve("osv"));
        Files.writeString(records.resolve("T-1.json"), """
                {"schema_version": "1.6.0", "id": "T-1", "modified": "2026-11-01T00:00:00Z",
                 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                 "affected": [{"package": {"ecosystem": "Debian:12", "name": "apt"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.6.3"}]}]}]}
                """);
        Path db = work.resolve("osv.sqlite");
        assertThat(Cli.runIn(env, "", "db", "import", "--db", db.toString(), records.toString())
                        .code())
                .isZero();
        JsonNode debian = check(
                        env, "--db", db.toString(), "oci:" + Fixtures.dir().resolve("debian") + ":bookworm")
                .json();
        assertThat(section(debian, "contents")).startsWith("FAILED T-1 T-1");
        assertThat(section(debian, "runtime")).isEqualTo("NEEDS_REVIEW CK020");
        Cli.Result decided = check(
                env,
                "--db",
                db.toString(),
                "--policy",
                "baseline",
                "oci:" + Fixtures.dir().resolve("debian") + ":bookworm");
        assertThat(decided.code()).isEqualTo(1);
        assertThat(failed(decided.json())).containsExactly("no-fixable-critical-vulnerabilities", "not-root");

        // from the registry: signed with a key, locked, then the tag moves
        String image = registry.host() + "/c/app:1";
        Path keys = Files.createDirectories(work.resolve("keys"));
        String k = keys.resolve("k").toString();
        Map<String, String> signer = new java.util.HashMap<>(env);
        signer.put("COSIGN_PASSWORD", "pw");
        assertThat(Cli.runIn(signer, "", "keygen", "--output-key-prefix", k).code())
                .isZero();
        assertThat(Cli.runIn(signer, "", "sign", "--key", k + ".key", image).code())
                .isZero();
        Path lock = work.resolve("vouch.lock");
        assertThat(Cli.runIn(env, "", "lock", "-o", lock.toString(), image).code())
                .isZero();
        Cli.Result signed = check(env, "--key", k + ".pub", "--lock", lock.toString(), image);
        assertThat(signed.code()).as(signed.err()).isZero();
        assertThat(section(signed.json(), "identity")).isEqualTo("VERIFIED");
        assertThat(signed.json().path("identity").path("facts").toString()).contains("signed by " + k + ".pub");
        // a policy of one's own, with a parameter: signed by this release key
        Path release = Files.writeString(work.resolve("release.yaml"), """
                name: release
                params:
                  releaseKey: %s
                rules:
                  - id: release-signed
                    message: not signed by the release key
                    expr: report.signatures.exists(s, s.verified && s.key == params.releaseKey)
                """.formatted(k + ".pub"));
        assertThat(check(env, "--key", k + ".pub", "--policy", release.toString(), image)
                        .code())
                .isZero();
        Path other = Files.writeString(
                work.resolve("other.yaml"), Files.readString(release).replace(k + ".pub", "/elsewhere/release.pub"));
        assertThat(check(env, "--key", k + ".pub", "--policy", other.toString(), image)
                        .code())
                .isEqualTo(1);
        registry.push("oci:" + Fixtures.dir().resolve("debian") + ":bookworm", "c/app:1", false);
        Cli.Result moved = check(env, "--key", k + ".pub", "--lock", lock.toString(), image);
        assertThat(moved.code()).isEqualTo(1);
        assertThat(moved.json().path("verdict").asText()).isEqualTo("integrity failed");
        assertThat(section(moved.json(), "identity")).isEqualTo("FAILED LK001 CK002");
    }
}
