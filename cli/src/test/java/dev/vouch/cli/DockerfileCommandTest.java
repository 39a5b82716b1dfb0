package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vouch dockerfile} through the CLI: findings, exit codes, JSON, suppression, bad input. */
class DockerfileCommandTest {
    @TempDir
    Path home;

    private static final String RISKY = "FROM ubuntu\nRUN curl -fsSL http://get.example/i.sh | sh\n";
    private static final String TIDY = "FROM debian:12@sha256:" + "c".repeat(64)
            + "\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nUSER 65532\n";

    @Test
    void findingsWithLinesAndTheExitCodeOfTheThreshold() {
        Cli.Result r = Cli.runIn(Cli.freshUser(home), RISKY, "dockerfile", "-");
        assertThat(r.code()).isEqualTo(1);
        // not a terminal: 100 columns, each finding wrapped under its text, nothing cut
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "<stdin>: 6 findings",
                        "  high     [DF001] <stdin>:1: FROM ubuntu (stage 0) is not pinned by digest: pin it as",
                        "           ubuntu@sha256:…",
                        "  medium   [DF002] <stdin>:1: FROM ubuntu (stage 0) has no tag, so it means latest; name a version",
                        "  medium   [DF011] <stdin>:1: the final stage (stage 0) sets no USER: the container runs as root",
                        "           unless its base image chose another user",
                        "  high     [DF005] <stdin>:2: curl fetches http://get.example/i.sh without TLS",
                        "  critical [DF006] <stdin>:2: curl output is piped into sh: the download runs unchecked; save it,",
                        "           verify its checksum, then run it",
                        "  low      [DF114] <stdin>:2: a pipe in RUN under /bin/sh: the pipeline succeeds when its last",
                        "           command does, even if the first failed; use SHELL [\"/bin/bash\", \"-o\", \"pipefail\","
                                + " \"-c\"]",
                        "           or set -o pipefail",
                        "  review queue:",
                        "    base images:",
                        "      line 1    stage 0: ubuntu (no tag; Docker Official Image)",
                        "    downloads:",
                        "      line 2    curl http://get.example/i.sh (http; verified by nothing: sh runs it as it"
                                + " arrives)");
        // COLUMNS sets the width also when the output is not a terminal
        assertThat(Cli.runIn(Cli.wideUser(home), RISKY, "dockerfile", "-").out().lines())
                .contains(
                        "  critical [DF006] <stdin>:2: curl output is piped into sh: the download runs unchecked; save"
                                + " it, verify its checksum, then run it");
        Cli.Result ignored =
                Cli.runIn(Cli.freshUser(home), RISKY, "dockerfile", "--fail-on", "critical", "--ignore", "df006", "-");
        assertThat(ignored.code()).isZero();
        assertThat(ignored.out()).doesNotContain("DF006").contains("DF005");
    }

    @Test
    void downloadsAreFollowedThroughTheShellAndEachOneSaysHowItIsVerified() {
        String dockerfile = String.join(
                "\n",
                "FROM debian:12@sha256:" + "c".repeat(64),
                "ARG SUM=" + "0f1e2d3c4b5a6978".repeat(4),
                // a case table on the architecture, the file named through a variable
                "RUN arch=\"$(dpkg --print-architecture)\"; case \"$arch\" in amd64) url=https://example.com/t-amd64.tgz ;;"
                        + " *) exit 1 ;; esac; wget -O t.tgz \"$url\"; echo \"$SUM *t.tgz\" | sha256sum -c -",
                // a download function, a key bundle filtered to a pinned fingerprint, a signature
                "RUN get() { curl -fL -o \"$1\" \"https://example.com/$1\"; }; get app.tgz; get app.tgz.asc;"
                        + " curl -fL -o KEYS https://example.com/KEYS; gpg --import KEYS;"
                        + " gpg --export 0123456789ABCDEF0123456789ABCDEF01234567 > ring.gpg;"
                        + " gpgv --keyring ./ring.gpg app.tgz.asc app.tgz",
                // md5 still verifies, plain http then is low; a commit in the URL; a license; an unverified one
                "RUN curl -fsSLo old.tgz http://example.com/old.tgz && echo \"abc  old.tgz\" | md5sum -c -",
                "RUN curl -fsSLo h.sh https://raw.githubusercontent.com/acme/t/" + "8f14e45f".repeat(5) + "/h.sh",
                "RUN curl -fsSLo /usr/share/doc/t/LICENSE https://example.com/LICENSE",
                "RUN curl -fsSLo new.tgz https://example.com/new.tgz && tar -xzf new.tgz",
                "USER 65532",
                "");
        Cli.Result r = Cli.runIn(Cli.wideUser(home), dockerfile, "dockerfile", "--fail-on", "critical", "-");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains("[DF00")).toList())
                .containsExactly(
                        "  high     [DF005] <stdin>:5: curl fetches http://example.com/old.tgz without TLS",
                        "  high     [DF004] <stdin>:8: curl downloads https://example.com/new.tgz (saved as new.tgz) and"
                                + " nothing verifies it: compare it with a pinned checksum (sha256sum -c) or verify its"
                                + " signature (gpg --verify)");
        assertThat(r.out()
                        .lines()
                        .dropWhile(l -> !l.equals("    downloads:"))
                        .skip(1)
                        .toList())
                .startsWith(
                        "      line 3    wget https://example.com/t-amd64.tgz (https; verified by checksum sha256 (line 3))",
                        // the function's one curl, called for app.tgz and app.tgz.asc: one download, both names
                        "      line 4    curl https://example.com/app.tgz (https; verified by signature gpg (line 4))",
                        "      line 4    curl https://example.com/KEYS (https; verified by a key: only pinned"
                                + " fingerprints are used)",
                        "      line 5    curl http://example.com/old.tgz (http; verified by checksum md5, a weak hash"
                                + " (line 5))",
                        "      line 6    curl https://raw.githubusercontent.com/acme/t/" + "8f14e45f".repeat(5)
                                + "/h.sh (https; verified by pinned: a full commit hash in the URL)",
                        "      line 7    curl https://example.com/LICENSE (https; verified by not needed: a text nothing"
                                + " runs)",
                        "      line 8    curl https://example.com/new.tgz (https; verified by nothing)");
    }

    @Test
    void aTidyFileHasNoFindingsAndExitsZero() throws Exception {
        Path f = home.resolve("Dockerfile");
        Files.writeString(f, TIDY);
        Cli.Result r = Cli.runIn(Cli.wideUser(home), "", "dockerfile", "--fail-on", "info", f.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out().lines().toList())
                .containsExactly(
                        f + ": no findings",
                        "  review queue:",
                        "    base images:",
                        "      line 1    stage 0: debian:12@sha256:" + "c".repeat(64)
                                + " (pinned by digest; Docker Official Image)",
                        "    security-relevant changes:",
                        "      line 3    USER 65532");
    }

    @Test
    void jsonListsFindingsWithLocationsAndTheRules() throws Exception {
        Path f = home.resolve("Dockerfile");
        Files.writeString(f, RISKY);
        Cli.Result r = Cli.run("dockerfile", "--format", "json", f.toString());
        JsonNode j = r.json();
        assertThat(j.path("kind").asText()).isEqualTo("dockerfile");
        JsonNode first = j.path("files").path(0).path("findings").path(0);
        assertThat(first.path("id").asText()).isEqualTo("DF001");
        assertThat(first.path("severity").asText()).isEqualTo("HIGH");
        assertThat(first.path("location").path("file").asText()).isEqualTo(f.toString());
        assertThat(first.path("location").path("line").asInt()).isEqualTo(1);
        List<String> ids = new ArrayList<>();
        j.path("rules").forEach(n -> ids.add(n.path("id").asText()));
        assertThat(ids).contains("DF001", "DF006", "DF016");
    }

    @Test
    void sarifIsValidAgainstTheSarif210Schema() throws Exception {
        var schema = Schemas.sarif210();
        Path risky = home.resolve("risky.Dockerfile");
        Path tidy = home.resolve("tidy.Dockerfile");
        Path broken = home.resolve("broken.Dockerfile");
        Files.writeString(risky, RISKY);
        Files.writeString(tidy, TIDY);
        Files.writeString(broken, "FROM a:1\nRUN <<EOF\nnever closed\n");
        Cli.Result r = Cli.run("dockerfile", "--format", "sarif", risky.toString(), tidy.toString(), broken.toString());
        JsonNode log = r.json();
        assertThat(log.path("runs").path(0).path("results").size()).isGreaterThan(6);
        assertThat(schema.validate(log)).isEmpty();
        // the validator does catch what the schema forbids: a result without a message, a level it does not know
        var bad = (com.fasterxml.jackson.databind.node.ObjectNode)
                log.path("runs").path(0).path("results").path(0);
        bad.remove("message");
        bad.put("level", "fatal");
        assertThat(schema.validate(log)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void sarifForCodeScanning() throws Exception {
        Path f = home.resolve("Dockerfile");
        Files.writeString(f, RISKY);
        Cli.Result r = Cli.run("dockerfile", "--format", "sarif", f.toString());
        assertThat(r.code()).isEqualTo(1);
        JsonNode log = r.json();
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = log.path("runs").path(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertThat(rules.size()).isEqualTo(dev.vouch.audit.Rules.all().size());
        JsonNode results = run.path("results");
        assertThat(results.size()).isEqualTo(6);
        JsonNode pipe = null;
        for (JsonNode x : results) {
            if (x.path("ruleId").asText().equals("DF006")) {
                pipe = x;
            }
        }
        assertThat(pipe).isNotNull();
        assertThat(pipe.path("level").asText()).isEqualTo("error");
        assertThat(rules.path(pipe.path("ruleIndex").asInt()).path("id").asText())
                .isEqualTo("DF006");
        assertThat(rules.path(pipe.path("ruleIndex").asInt())
                        .path("properties")
                        .path("security-severity")
                        .asText())
                .isEqualTo("9.5");
        JsonNode loc = pipe.path("locations").path(0).path("physicalLocation");
        assertThat(loc.path("artifactLocation").path("uri").asText()).isEqualTo(f.toString());
        assertThat(loc.path("region").path("startLine").asInt()).isEqualTo(2);
    }

    @Test
    void aConfigFileIgnoresRulesAllowsImagesAndSetsTheThreshold() throws Exception {
        Path cfg = home.resolve("vouch.yaml");
        Files.writeString(cfg, "dockerfile:\n  ignore: [DF002, df114]\n  allow-images: [ngnix]\n  fail-on: critical\n");
        Path f = home.resolve("Dockerfile");
        Files.writeString(f, "FROM ngnix\nRUN wget -qO- https://x/a.tgz | tar -xz\n");
        Cli.Result r = Cli.run("dockerfile", "--config", cfg.toString(), f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("[DF001]", "[DF004]").doesNotContain("[DF002]", "[DF003]", "[DF114]");
        assertThat(Cli.run("dockerfile", "--config", cfg.toString(), "--fail-on", "high", f.toString())
                        .code())
                .isEqualTo(1);
        Files.writeString(cfg, "dockerfile:\n  ignored: [DF002]\n");
        assertThat(Cli.run("dockerfile", "--config", cfg.toString(), f.toString())
                        .errorLine())
                .isEqualTo("vouch: " + cfg + ": unknown setting 'ignored' (known: [ignore, allow-images, fail-on])");
        assertThat(Cli.run("dockerfile", "--config", home.resolve("none.yaml").toString(), f.toString())
                        .errorLine())
                .isEqualTo("vouch: --config " + home.resolve("none.yaml") + ": no such file");
    }

    @Test
    void everyRuleHasItsPage() {
        for (var rule : dev.vouch.audit.Rules.all()) {
            assertThat(Fixtures.root().resolve("docs/rules/" + rule.id() + ".md"))
                    .exists();
        }
        assertThat(Fixtures.root().resolve("docs/rules/DF000.md")).exists();
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        assertThat(Cli.run("dockerfile", home.resolve("missing").toString()).errorLine())
                .isEqualTo("vouch: " + home.resolve("missing") + ": no such file");
        Path bin = home.resolve("bin");
        Files.write(bin, new byte[] {'F', 'R', 'O', 'M', ' ', (byte) 0xff, '\n'});
        Cli.Result r = Cli.run("dockerfile", bin.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errorLine()).isEqualTo("vouch: " + bin + ": not UTF-8 text");
        Path broken = home.resolve("broken");
        Files.writeString(broken, "FROM a\nRUN <<EOF\nnever closed\n");
        Cli.Result b = Cli.runIn(Cli.wideUser(home), "", "dockerfile", broken.toString());
        assertThat(b.code()).isEqualTo(1);
        assertThat(b.out())
                .contains("[DF000] " + broken + ":2: the Dockerfile does not parse: unterminated heredoc EOF");
    }
}
