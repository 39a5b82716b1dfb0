package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vouch sbom} on one layer of the ecosystems images carry: Ruby gems installed by RubyGems, a Composer project
 * installed by Composer, a Rust binary's cargo-auditable section, each equal to what an independent reader says;
 * and .NET, conda, Gemfile.lock, Cargo.lock and an image's own SBOM, crafted from their formats.
 */
class EcosystemsTest {
    @TempDir
    static Path tmp;

    static Path fixture;
    static Crafted.Layout img;
    static JsonNode sbom;

    @BeforeAll
    static void scan() throws Exception {
        fixture = Fixtures.ecosystems();
        img = Crafted.layout(
                tmp.resolve("eco"),
                List.of(Crafted.LayerBlob.gzipped(Files.readAllBytes(fixture.resolve("layer.tar")))),
                0);
        Cli.Result r = Cli.run("sbom", "--format", "json", "oci:" + img.dir());
        assertThat(r.code()).as(r.err()).isZero();
        sbom = r.json();
    }

    /** "name version" of every package of a type, with the path of its first location when asked. */
    static TreeSet<String> of(String type) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode p : sbom.path("packages")) {
            if (p.path("type").asText().equals(type)) {
                out.add(p.path("name").asText() + " " + p.path("version").asText());
            }
        }
        return out;
    }

    static List<String> described(String type) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : sbom.path("packages")) {
            if (p.path("type").asText().equals(type)) {
                List<String> at = new ArrayList<>();
                p.path("locations").forEach(l -> at.add(l.path("path").asText()));
                out.add(p.path("purl").asText() + " " + p.path("licenses") + " " + p.path("properties") + " " + at);
            }
        }
        return out;
    }

    @Test
    void gemsAreWhatRubyGemsLists() throws Exception {
        TreeSet<String> expected = new TreeSet<>(Files.readAllLines(fixture.resolve("gem-list.txt")));
        assertThat(expected).contains("vouch-fixture-gem 1.2.3", "rake 13.0.6").hasSizeGreaterThan(80);
        TreeSet<String> got = of("GEM");
        // plus the registry gems of the crafted Gemfile.lock (rake is in both)
        expected.addAll(List.of("nokogiri 1.15.4", "racc 1.7.1"));
        assertThat(got).isEqualTo(expected);
        assertThat(described("GEM"))
                .contains(
                        "pkg:gem/vouch-fixture-gem@1.2.3 [\"MIT\",\"Apache-2.0\"]  "
                                + "[usr/local/bundle/specifications/vouch-fixture-gem-1.2.3.gemspec]",
                        "pkg:gem/nokogiri@1.15.4?platform=x86_64-linux []  [srv/ruby-app/Gemfile.lock]");
        assertThat(got).noneMatch(g -> g.startsWith("private-gem") || g.startsWith("billing"));
    }

    @Test
    void composerPackagesAreWhatComposerShowsWithoutDev() throws Exception {
        JsonNode show =
                new ObjectMapper().readTree(fixture.resolve("composer-show.txt").toFile());
        TreeSet<String> expected = new TreeSet<>();
        show.path("installed")
                .forEach(p -> expected.add(
                        p.path("name").asText() + " " + p.path("version").asText()));
        assertThat(expected).containsExactly("vouch/fixture-lib 2.1.0");
        assertThat(of("COMPOSER")).isEqualTo(expected);
        assertThat(described("COMPOSER"))
                .containsExactly("pkg:composer/vouch/fixture-lib@2.1.0 [\"MIT\"]  "
                        + "[srv/php/composer.lock, srv/php/vendor/composer/installed.json]");
    }

    @Test
    void rustCratesComeFromTheBinarysAuditSectionAndTheLock() throws Exception {
        JsonNode section =
                new ObjectMapper().readTree(fixture.resolve("dep-v0.json").toFile());
        TreeSet<String> fromSection = new TreeSet<>();
        section.path("packages").forEach(p -> {
            if (p.path("source").asText().equals("crates.io")
                    && !p.path("kind").asText().equals("build")) {
                fromSection.add(
                        p.path("name").asText() + " " + p.path("version").asText());
            }
        });
        assertThat(fromSection).containsExactly("serde 1.0.188", "smallvec 1.6.0");
        TreeSet<String> expected = new TreeSet<>(fromSection);
        expected.add("itoa 1.0.9"); // the crafted Cargo.lock: registry and sparse crates, not git or the app itself
        assertThat(of("CARGO")).isEqualTo(expected);
        assertThat(described("CARGO"))
                .contains("pkg:cargo/smallvec@1.6.0 [] {\"evidence\":\"cargo-auditable .dep-v0 section\"} "
                        + "[usr/local/bin/hello-rs]");
        assertThat(sbom.path("notes").toString())
                .doesNotContain("hello-rs: the libraries compiled into it are not listed");
    }

    @Test
    void dotnetCondaAndTheImagesOwnSbom() {
        assertThat(described("NUGET"))
                .containsExactly(
                        "pkg:nuget/Microsoft.AspNetCore.App@8.0.1 [] {\"evidence\":\"shared framework directory"
                                + " Microsoft.AspNetCore.App/8.0.1\"} [usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
                                + "8.0.1/Microsoft.AspNetCore.App.deps.json]",
                        "pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@8.0.1 [] {\"evidence\":\"runtime pack in"
                                + " app/MyApp.deps.json\"} [app/MyApp.deps.json]",
                        "pkg:nuget/Newtonsoft.Json@13.0.1 []  [app/MyApp.deps.json]");
        assertThat(described("CONDA"))
                .containsExactly(
                        "pkg:conda/numpy@1.26.4?build=py311h64a7726_0&channel=conda-forge"
                                + "&subdir=linux-64 [\"BSD-3-Clause\"]  "
                                + "[opt/conda/conda-meta/numpy-1.26.4-py311h64a7726_0.json]",
                        "pkg:conda/zlib@1.2.13?build=hd590300_5&channel=conda-forge"
                                + "&subdir=linux-64 [\"Zlib\"]  "
                                + "[opt/conda/conda-meta/zlib-1.2.13-hd590300_5.json]");
        assertThat(described("BINARY").stream().filter(d -> d.contains("declaredBy")))
                .containsExactly("pkg:bitnami/redis@7.2.4-1?arch=amd64&distro=debian-12 [] {\"cpe\":"
                        + "\"cpe:2.3:a:redis:redis:7.2.4:*:*:*:*:*:*:*\",\"declaredBy\":\"/opt/bitnami/redis/"
                        + ".spdx-redis.spdx\"} [opt/bitnami/redis/.spdx-redis.spdx]");
        assertThat(described("GOLANG"))
                .containsExactly("pkg:golang/github.com/tianon/gosu@1.17.0 [] {\"declaredBy\":\"/opt/bitnami/redis/"
                        + ".spdx-redis.spdx\"} [opt/bitnami/redis/.spdx-redis.spdx]");
    }

    static String osv(String id, String ecosystem, String name, String introduced, String fixed) {
        return """
                {"schema_version": "1.6.0", "id": "%s", "modified": "2026-11-01T00:00:00Z",
                 "affected": [{"package": {"ecosystem": "%s", "name": "%s"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "%s"}, {"fixed": "%s"}]}]}]}
                """.formatted(id, ecosystem, name, introduced, fixed);
    }

    @Test
    void theirVulnerabilitiesMatchInTheirOwnEcosystems() throws Exception {
        Path records = Files.createDirectories(tmp.resolve("records"));
        String[][] recs = {
            {"RUSTSEC-2021-0003", "crates.io", "smallvec", "0.6.3", "1.6.1"}, // 1.6.0 in the binary: fires
            {"GHSA-xc9x-jj77-9p9j", "RubyGems", "nokogiri", "0", "1.16.2"}, // 1.15.4 in Gemfile.lock: fires
            {"GHSA-jppv-gw3r-w3q8", "RubyGems", "rake", "0", "12.3.3"}, // 13.0.6: fixed long before
            {"GHSA-5crp-9r3c-p9vr", "NuGet", "Newtonsoft.Json", "0", "13.0.1"}, // 13.0.1 is the fix
            {"TEST-PHP-1", "Packagist", "vouch/fixture-lib", "2.0.0", "v2.1.1"}, // 2.1.0: fires
            {"TEST-PHP-2", "Packagist", "vouch/fixture-devtool", "0", "1.0.0"} // dev only: not installed
        };
        for (String[] r : recs) {
            Files.writeString(records.resolve(r[0] + ".json"), osv(r[0], r[1], r[2], r[3], r[4]));
        }
        String db = tmp.resolve("osv.sqlite").toString();
        assertThat(Cli.run("db", "import", "--db", db, records.toString()).code())
                .isZero();
        Crafted.Layout img = Crafted.layout(
                tmp.resolve("eco-scan"),
                List.of(Crafted.LayerBlob.gzipped(Files.readAllBytes(fixture.resolve("layer.tar")))),
                0);
        JsonNode res = Cli.run("scan", "--format", "json", "--db", db, "oci:" + img.dir())
                .json()
                .path("result");
        TreeSet<String> got = new TreeSet<>();
        for (JsonNode m : res.path("matches")) {
            got.add(m.path("id").asText() + " " + m.path("packageName").asText() + " "
                    + m.path("ecosystem").asText() + " "
                    + m.path("fixedVersion").asText());
        }
        assertThat(got)
                .containsExactly(
                        "GHSA-xc9x-jj77-9p9j nokogiri RubyGems 1.16.2",
                        "RUSTSEC-2021-0003 smallvec crates.io 1.6.1",
                        "TEST-PHP-1 vouch/fixture-lib Packagist v2.1.1");
    }

    @Test
    void runtimesOutsideAnyPackageManagerAreWhatTheySayTheyAre() throws Exception {
        TreeSet<String> expected = new TreeSet<>(Files.readAllLines(fixture.resolve("runtime-versions.txt")));
        TreeSet<String> got = new TreeSet<>();
        List<String> where = new ArrayList<>();
        for (JsonNode p : sbom.path("packages")) {
            if (p.path("type").asText().equals("BINARY") && p.path("properties").has("evidence")) {
                got.add(p.path("name").asText() + " " + p.path("version").asText());
                p.path("locations")
                        .forEach(l -> where.add(
                                p.path("name").asText() + " " + l.path("path").asText()));
            }
        }
        assertThat(got).isEqualTo(expected);
        // the copy dpkg's file list names is the package database's, not a second Python
        assertThat(where).contains("python usr/local/bin/python3.11").doesNotContain("python usr/bin/python3.11");
        String python = expected.stream()
                .filter(e -> e.startsWith("python "))
                .findFirst()
                .orElseThrow()
                .substring(7);
        assertThat(described("BINARY"))
                .contains("pkg:generic/python@" + python + " [] {\"cpe\":\"cpe:2.3:a:python:python:" + python
                        + ":*:*:*:*:*:*:*\",\"evidence\":\"/usr/local/bin/python3.11 states version " + python
                        + "\"} [usr/local/bin/python3.11]");
    }

    @Test
    void checkListsAPythonBuiltFromSourceWithItsCvesAndTheDockerfileLine() throws Exception {
        String python = Files.readAllLines(fixture.resolve("runtime-versions.txt")).stream()
                .filter(l -> l.startsWith("python "))
                .findFirst()
                .orElseThrow()
                .substring(7);
        byte[] base = new Crafted.Tar()
                .dir("etc")
                .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                .bytes();
        byte[] built = new Crafted.Tar()
                .dir("usr/local/bin")
                .file(
                        "usr/local/bin/python3.11",
                        Files.readAllBytes(fixture.resolve("root/usr/local/bin/python3.11")),
                        0755)
                .bytes();
        Crafted.Layout image = Crafted.layout(
                tmp.resolve("built-python"),
                List.of(Crafted.LayerBlob.gzipped(base), Crafted.LayerBlob.gzipped(built)),
                0,
                config -> {
                    var h = config.putArray("history");
                    h.addObject().put("created_by", "COPY os-release /etc/os-release # buildkit");
                    h.addObject()
                            .put(
                                    "created_by",
                                    "RUN /bin/sh -c ./configure --prefix=/usr/local && make && make install # buildkit");
                });
        Path df = tmp.resolve("Dockerfile.python");
        Files.writeString(df, """
                FROM scratch
                COPY os-release /etc/os-release
                RUN ./configure --prefix=/usr/local && make && make install
                """);
        Cli.Result r = Cli.run(
                "check",
                "--policy",
                "none",
                "--format",
                "json",
                "--dockerfile",
                df.toString(),
                "--osv",
                Fixtures.corpus("nvd/records").toString(),
                "oci:" + image.dir());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode contents = r.json().path("contents");
        List<String> findings = new ArrayList<>();
        contents.path("findings")
                .forEach(f -> findings.add(
                        f.path("id").asText() + " " + f.path("message").asText()));
        // CPython before 3.11.4 is in CVE-2007-4559's range (tarfile path traversal), fixed in 3.11.4
        org.junit.jupiter.api.Assumptions.assumeTrue(
                python.matches("3\\.11\\.[0-3]"), "this machine's CPython is " + python + ", not 3.11.0 to 3.11.3");
        assertThat(findings)
                .contains("NVD:CVE-2007-4559 python " + python
                        + " is affected; fixed in 3.11.4 (layer 1, Dockerfile line 3)");
    }

    @Test
    void sbomsCarryTheCpeNamesAndRescanThroughThem() throws Exception {
        Path bom = tmp.resolve("eco.cdx.json");
        Cli.Result cdx = Cli.run("sbom", "-o", bom.toString(), "oci:" + img.dir());
        assertThat(cdx.code()).as(cdx.err()).isZero();
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(bom.toFile(), org.cyclonedx.Version.VERSION_16))
                .isEmpty();
        Cli.Result spdx = Cli.run("sbom", "--format", "spdx", "oci:" + img.dir());
        assertThat(Schemas.spdx23().validate(spdx.json())).isEmpty();
        assertThat(spdx.json().toString()).contains("\"referenceType\":\"cpe23Type\"");
        String db = tmp.resolve("nvd.sqlite").toString();
        assertThat(Cli.run(
                                "db",
                                "import",
                                "--db",
                                db,
                                Fixtures.corpus("nvd/records").toString())
                        .code())
                .isZero();
        TreeSet<String> fromImage = new TreeSet<>();
        TreeSet<String> fromSbom = new TreeSet<>();
        Cli.run("scan", "--format", "json", "--db", db, "oci:" + img.dir())
                .json()
                .path("result")
                .path("matches")
                .forEach(m -> fromImage.add(
                        m.path("id").asText() + " " + m.path("packageName").asText()));
        Cli.run("scan", "--format", "json", "--db", db, "--sbom", bom.toString())
                .json()
                .path("result")
                .path("matches")
                .forEach(m -> fromSbom.add(
                        m.path("id").asText() + " " + m.path("packageName").asText()));
        assertThat(fromSbom).isEqualTo(fromImage);
        assertThat(fromImage).anyMatch(m -> m.startsWith("NVD:CVE-") && m.endsWith(" python"));
    }
}
