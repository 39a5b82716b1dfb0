package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vouch db} and {@code vouch scan} through the CLI: records written here for packages really present in the
 * Debian fixture, the real OSV records of ../shared/corpora/osv, crafted Alpine images, a real HTTP mirror.
 */
class VulnScanTest {
    @TempDir
    Path tmp;

    private static String record(String id, String ecosystem, String pkg, String events, String extra) {
        return "{\"schema_version\": \"1.6.0\", \"id\": \"" + id + "\", \"modified\": \"2026-11-01T00:00:00Z\","
                + " \"aliases\": [\"CVE-2099-" + id.hashCode() % 10000 + "\"]" + extra
                + ", \"affected\": [{\"package\":"
                + " {\"ecosystem\": \"" + ecosystem + "\", \"name\": \"" + pkg + "\"}, \"ranges\": [{\"type\":"
                + " \"ECOSYSTEM\", \"events\": " + events + "}]}]}";
    }

    private Path records() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("records"));
        // above the installed source version 2.38.1-5+deb12u3: every binary built from util-linux is affected
        Files.writeString(
                dir.resolve("T-1.json"),
                record(
                        "T-1",
                        "Debian:12",
                        "util-linux",
                        "[{\"introduced\": \"0\"}, {\"fixed\": \"2.38.1-5+deb12u4\"}]",
                        ""));
        // fixed below what is installed (1:1.2.13.dfsg-1): not affected
        Files.writeString(
                dir.resolve("T-2.json"),
                record(
                        "T-2",
                        "Debian:12",
                        "zlib",
                        "[{\"introduced\": \"0\"}, {\"fixed\": \"1:1.2.13.dfsg-0.1\"}]",
                        ""));
        // another release: not this image's
        Files.writeString(
                dir.resolve("T-3.json"),
                record("T-3", "Debian:11", "util-linux", "[{\"introduced\": \"0\"}, {\"fixed\": \"9:9\"}]", ""));
        // no fix yet, Debian calls it unimportant
        Files.writeString(
                dir.resolve("T-4.json"),
                record("T-4", "Debian:12", "bash", "[{\"introduced\": \"0\"}]", "")
                        .replace("\"ranges\"", "\"ecosystem_specific\": {\"urgency\": \"unimportant\"}, \"ranges\""));
        // withdrawn: never matches
        Files.writeString(
                dir.resolve("T-5.json"),
                record(
                        "T-5",
                        "Debian:12",
                        "coreutils",
                        "[{\"introduced\": \"0\"}, {\"fixed\": \"9.9-1\"}]",
                        ", \"withdrawn\": \"2026-11-02T00:00:00Z\""));
        // a CVSS v3.1 vector (9.8): critical
        Files.writeString(
                dir.resolve("T-6.json"),
                record(
                        "T-6",
                        "Debian:12",
                        "apt",
                        "[{\"introduced\": \"2.6.0\"}, {\"fixed\": \"2.6.3\"}]",
                        ", \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}]"));
        // a CVSS v4.0 vector (8.7) beside a v3.1 one (9.8): the newest version decides, high
        Files.writeString(
                dir.resolve("T-7.json"),
                record(
                        "T-7",
                        "Debian:12",
                        "tar",
                        "[{\"introduced\": \"0\"}, {\"fixed\": \"9.9\"}]",
                        ", \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"},"
                                + " {\"type\": \"CVSS_V4\", \"score\":"
                                + " \"CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"}]"));
        return dir;
    }

    private String db() {
        return tmp.resolve("cache/osv.sqlite").toString();
    }

    @Test
    void debianFixtureMatchesBySourcePackageReleaseAndVersion() throws Exception {
        Cli.Result imp = Cli.run(
                "db",
                "import",
                "--db",
                db(),
                records().toString(),
                Fixtures.corpus("osv").toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        // the records written here and the corpus: Alpine, Debian, Ubuntu, Maven, npm, and (since the corpus grew)
        // 4 Go and 2 PyPI records
        assertThat(imp.out()).startsWith("imported 33 records (33 stored, 0 older than what the database has)");
        Cli.Result r = Cli.run(
                "scan",
                "--format",
                "json",
                "--db",
                db(),
                "oci:" + Fixtures.dir().resolve("debian"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode matches = r.json().path("result").path("matches");
        List<String> got = new ArrayList<>();
        for (JsonNode m : matches) {
            got.add(m.path("id").asText() + " " + m.path("packageName").asText() + " "
                    + m.path("severity").asText() + " " + m.path("fixedVersion").asText("-"));
        }
        List<String> expected = new ArrayList<>();
        // libapt-pkg6.0 is built from apt, so the apt advisory is its too
        expected.add("T-6 apt CRITICAL 2.6.3");
        expected.add("T-6 libapt-pkg6.0 CRITICAL 2.6.3");
        expected.add("T-7 tar HIGH 9.9");
        expected.add("T-4 bash NEGLIGIBLE -");
        for (String bin : new TreeSet<>(List.of(
                "bsdutils",
                "libblkid1",
                "libmount1",
                "libsmartcols1",
                "libuuid1",
                "mount",
                "util-linux",
                "util-linux-extra"))) {
            expected.add("T-1 " + bin + " UNKNOWN 2.38.1-5+deb12u4");
        }
        assertThat(got).containsExactlyElementsOf(expected);
        JsonNode first = matches.path(0);
        assertThat(first.path("score").asDouble()).isEqualTo(9.8);
        assertThat(first.path("scoredBy").asText()).isEqualTo("CVSS_V3");
        assertThat(matches.path(2).path("scoredBy").asText()).isEqualTo("CVSS_V4");
        assertThat(first.path("ecosystem").asText()).isEqualTo("Debian:12");
        assertThat(first.path("layer").asInt()).isZero();
        assertThat(matches.path(1).path("matchedOn").asText()).isEqualTo("apt");
        assertThat(matches.path(4).path("matchedOn").asText()).isEqualTo("util-linux");
        assertThat(r.json().path("result").path("notAssessed")).isEmpty();
        assertThat(r.json().path("result").path("packagesAssessed").asInt()).isEqualTo(96);
        // the text report and --fail-on
        Cli.Result text = Cli.run(
                "scan",
                "--db",
                db(),
                "--fail-on",
                "critical",
                "oci:" + Fixtures.dir().resolve("debian"));
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.out())
                .startsWith("oci:" + Fixtures.dir().resolve("debian") + ": 12 vulnerabilities (2 critical, 1 high,"
                        + " 1 negligible, 8 unknown; 11 fixable) in 96 of 96 packages assessed\n");
        assertThat(Cli.run(
                                "scan",
                                "--db",
                                db(),
                                "--fail-on",
                                "low",
                                "oci:" + Fixtures.dir().resolve("debian"))
                        .code())
                .isEqualTo(1);
    }

    @Test
    void realAlpineRecordMatchesOnItsReleaseAndOtherwiseSaysNotAssessed() throws Exception {
        assertThat(Cli.run("db", "import", "--db", db(), Fixtures.corpus("osv").toString())
                        .code())
                .isZero();
        for (String[] c :
                new String[][] {{"3.16.2", "10.6.7-r0", "1"}, {"3.16.2", "10.6.8-r0", "0"}, {"3.19.1", "10.6.7-r0", "-"}
                }) {
            byte[] tar = new Crafted.Tar()
                    .dir("etc")
                    .file("etc/os-release", "ID=alpine\nVERSION_ID=" + c[0] + "\n")
                    .dir("lib/apk/db")
                    .file(
                            "lib/apk/db/installed",
                            "P:mariadb\nV:" + c[1] + "\nA:x86_64\no:mariadb\n\nP:musl\nV:1.2.3-r0\n")
                    .bytes();
            Crafted.Layout img =
                    Crafted.layout(tmp.resolve("a" + c[0] + c[1]), List.of(Crafted.LayerBlob.gzipped(tar)), 0);
            JsonNode res = Cli.run("scan", "--format", "json", "--db", db(), "oci:" + img.dir())
                    .json()
                    .path("result");
            if (c[2].equals("-")) {
                assertThat(res.path("matches")).isEmpty();
                assertThat(res.path("notAssessed").toString())
                        .isEqualTo("[{\"reason\":\"the database has no Alpine:v3.19 records (vouch db import the Alpine"
                                + " OSV data)\",\"packages\":2,\"examples\":[\"mariadb\",\"musl\"]}]");
            } else {
                assertThat(res.path("matches").size()).isEqualTo(Integer.parseInt(c[2]));
                if (c[2].equals("1")) {
                    assertThat(res.path("matches").path(0).path("id").asText()).isEqualTo("CVE-2022-27449");
                    assertThat(res.path("matches").path(0).path("fixedVersion").asText())
                            .isEqualTo("10.6.8-r0");
                }
            }
        }
    }

    @Test
    void rpmPackagesMatchOnTheirDistributionsMajorReleaseByBinaryNameAndEpoch() throws Exception {
        // the installed packages (the rpm fixture): vouch-fixture-rpm and vouch-fixture-rpm-libs, both 1:2.4.1-3.fc40
        Path dir = Files.createDirectories(tmp.resolve("rpm-records"));
        String fixed = "[{\"introduced\": \"0\"}, {\"fixed\": \"%s\"}]";
        String[][] recs = {
            {"R-1", "AlmaLinux:9", "vouch-fixture-rpm", "1:2.4.1-4.fc40"}, // above: matches
            {"R-2", "AlmaLinux:9", "vouch-fixture-rpm", "2.5.0-1"}, // no epoch is epoch 0, below 1:…: no
            {"R-3", "AlmaLinux:8", "vouch-fixture-rpm", "1:9-1"}, // another major release: no
            {"R-4", "AlmaLinux:9", "vouch-fixture-rpm-libs", "1:2.4.1-3.fc40"}, // fixed in what is installed: no
            {"R-5", "Rocky Linux:9", "vouch-fixture-rpm", "1:9-1"}, // another distribution: no
            {"R-6", "Red Hat:enterprise_linux:9::appstream", "vouch-fixture-rpm-libs", "1:2.4.1-3.fc40.1"},
            {"R-7", "Red Hat:enterprise_linux:10::baseos", "vouch-fixture-rpm-libs", "1:9-1"}
        };
        for (String[] r : recs) {
            Files.writeString(dir.resolve(r[0] + ".json"), record(r[0], r[1], r[2], fixed.formatted(r[3]), ""));
        }
        assertThat(Cli.run("db", "import", "--db", db(), dir.toString()).code()).isZero();
        byte[] rpmdb = Files.readAllBytes(Fixtures.dir().resolve("rpmdb.sqlite"));
        Map<String, String> seen = new java.util.TreeMap<>();
        for (String[] os : new String[][] {{"almalinux", "9.4"}, {"rhel", "9.4"}, {"fedora", "40"}}) {
            byte[] layer = new Crafted.Tar()
                    .dir("etc")
                    .file("etc/os-release", "ID=" + os[0] + "\nVERSION_ID=" + os[1] + "\n")
                    .dir("var/lib/rpm")
                    .file("var/lib/rpm/rpmdb.sqlite", rpmdb, 0644)
                    .bytes();
            Crafted.Layout img = Crafted.layout(tmp.resolve(os[0]), List.of(Crafted.LayerBlob.gzipped(layer)), 0);
            JsonNode res = Cli.run("scan", "--format", "json", "--db", db(), "oci:" + img.dir())
                    .json()
                    .path("result");
            List<String> got = new ArrayList<>();
            for (JsonNode m : res.path("matches")) {
                got.add(m.path("id").asText() + " " + m.path("packageName").asText() + " "
                        + m.path("ecosystem").asText() + " "
                        + m.path("fixedVersion").asText());
            }
            for (JsonNode n : res.path("notAssessed")) {
                got.add("not assessed: " + n.path("reason").asText());
            }
            seen.put(os[0], String.join("; ", got));
        }
        assertThat(seen)
                .containsEntry("almalinux", "R-1 vouch-fixture-rpm AlmaLinux:9 1:2.4.1-4.fc40")
                .containsEntry(
                        "rhel", "R-6 vouch-fixture-rpm-libs Red Hat:enterprise_linux:9::appstream 1:2.4.1-3.fc40.1")
                .containsEntry("fedora", "not assessed: no vulnerability matching for rpm packages on fedora-40 yet");
    }

    private static byte[] jar(String group, String artifact, String version) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
            z.write(("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void realNpmAndMavenRecordsMatchLanguagePackages() throws Exception {
        assertThat(Cli.run("db", "import", "--db", db(), Fixtures.corpus("osv").toString())
                        .code())
                .isZero();
        Crafted.Tar t = new Crafted.Tar().dir("app/node_modules");
        for (String[] p : new String[][] {{"minimist", "1.2.5"}, {"lodash", "4.17.21"}, {"semver", "7.5.1"}}) {
            t.file(
                    "app/node_modules/" + p[0] + "/package.json",
                    "{\"name\": \"" + p[0] + "\", \"version\": \"" + p[1] + "\"}");
        }
        t.dir("app/lib")
                .file("app/lib/snakeyaml-1.33.jar", jar("org.yaml", "snakeyaml", "1.33"), 0644)
                .file(
                        "app/lib/jackson-databind.jar",
                        jar("com.fasterxml.jackson.core", "jackson-databind", "2.13.2.1"),
                        0644)
                .file("app/lib/junit.jar", jar("junit", "junit", "4.12"), 0644)
                .file("app/lib/log4j.jar", jar("log4j", "log4j", "1.2.17"), 0644)
                .file("app/lib/requests.dist-info/METADATA", "Name: Requests\nVersion: 2.0\n");
        Crafted.Layout img = Crafted.layout(tmp.resolve("lang"), List.of(Crafted.LayerBlob.gzipped(t.bytes())), 0);
        JsonNode res = Cli.run("scan", "--format", "json", "--db", db(), "oci:" + img.dir())
                .json()
                .path("result");
        List<String> got = new ArrayList<>();
        for (JsonNode m : res.path("matches")) {
            got.add(m.path("id").asText() + " " + m.path("packageName").asText() + " "
                    + m.path("version").asText() + " " + m.path("severity").asText() + " "
                    + m.path("fixedVersion").asText("-"));
        }
        assertThat(got)
                .containsExactly(
                        "GHSA-2qrg-x229-3v8q log4j:log4j 1.2.17 CRITICAL -",
                        "GHSA-xvch-5gv4-984h minimist 1.2.5 CRITICAL 1.2.6",
                        "GHSA-mjmj-j48q-9wg2 org.yaml:snakeyaml 1.33 HIGH 2.0",
                        "GHSA-269g-pwp5-87pp junit:junit 4.12 MEDIUM 4.13.1",
                        "GHSA-c2qf-rxjj-qqgw semver 7.5.1 MEDIUM 7.5.2");
        // not matched: lodash 4.17.21 (the fixed version), jackson-databind 2.13.2.1 (fixed in it), Requests 2.0 (the
        // corpus's PyPI records are paramiko's and buildbot's): PyPI has records now, so Requests is assessed
        assertThat(res.path("notAssessed").toString()).isEqualTo("[]");
    }

    @Test
    void vexStatementsAndTheIgnoreFileRemoveMatchesAndSayWhy() throws Exception {
        assertThat(Cli.run("db", "import", "--db", db(), records().toString()).code())
                .isZero();
        String image = "oci:" + Fixtures.dir().resolve("debian");
        JsonNode first =
                Cli.run("scan", "--format", "json", "--db", db(), image).json();
        String digest = first.path("digest").asText();
        String bsdutils = null;
        for (JsonNode m : first.path("result").path("matches")) {
            if (m.path("packageName").asText().equals("bsdutils")) {
                bsdutils = m.path("purl").asText();
            }
        }
        Path vex = tmp.resolve("vex.json");
        Files.writeString(
                vex,
                "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": ["
                        + "{\"vulnerability\": {\"name\": \"T-6\"}, \"products\": [{\"@id\": \"pkg:oci/debian@" + digest
                        + "\"}],"
                        + " \"status\": \"not_affected\", \"justification\": \"vulnerable_code_not_in_execute_path\"},"
                        + "{\"vulnerability\": {\"name\": \"T-1\"}, \"products\": [{\"@id\": \"pkg:oci/debian@" + digest
                        + "\","
                        + " \"subcomponents\": [{\"@id\": \"" + bsdutils + "\"}]}], \"status\": \"fixed\"},"
                        + "{\"vulnerability\": {\"name\": \"T-4\"}, \"status\": \"affected\"}]}");
        Path ignore = tmp.resolve("ignore.yaml");
        Files.writeString(
                ignore,
                "ignore:\n  - id: T-4\n    package: bash\n    reason: bash is never run with untrusted input here\n"
                        + "  - id: T-1\n    reason: old decision\n    expires: 2020-01-01\n");
        Cli.Result r = Cli.run(
                "scan",
                "--format",
                "json",
                "--db",
                db(),
                "--vex",
                vex.toString(),
                "--ignore-file",
                ignore.toString(),
                image);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("vouch: warning: " + ignore + ": the entry for T-1 expired on 2020-01-01 and no longer"
                        + " applies");
        List<String> kept = new ArrayList<>();
        for (JsonNode m : r.json().path("result").path("matches")) {
            kept.add(m.path("id").asText() + " " + m.path("packageName").asText());
        }
        assertThat(kept)
                .containsExactly(
                        "T-7 tar",
                        "T-1 libblkid1",
                        "T-1 libmount1",
                        "T-1 libsmartcols1",
                        "T-1 libuuid1",
                        "T-1 mount",
                        "T-1 util-linux",
                        "T-1 util-linux-extra");
        List<String> gone = new ArrayList<>();
        for (JsonNode x : r.json().path("result").path("suppressed")) {
            gone.add(x.path("id").asText() + " " + x.path("packageName").asText() + ": "
                    + x.path("reason").asText());
        }
        assertThat(gone)
                .containsExactly(
                        "T-6 apt: VEX not_affected (vulnerable_code_not_in_execute_path) [" + vex + "]",
                        "T-6 libapt-pkg6.0: VEX not_affected (vulnerable_code_not_in_execute_path) [" + vex + "]",
                        "T-4 bash: ignored: bash is never run with untrusted input here",
                        "T-1 bsdutils: VEX fixed [" + vex + "]");
        // an entry without a reason is refused before anything is scanned
        Files.writeString(ignore, "ignore:\n  - id: T-4\n");
        Cli.Result bad = Cli.run("scan", "--db", db(), "--ignore-file", ignore.toString(), image);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errorLine()).isEqualTo("vouch: " + ignore + ": ignore[0] (T-4): needs a reason");
        Files.writeString(vex, "{\"statements\": [{\"vulnerability\": \"T-1\", \"status\": \"not_affected\"}]}");
        assertThat(Cli.run("scan", "--db", db(), "--vex", vex.toString(), image).errorLine())
                .isEqualTo(
                        "vouch: " + vex + ": statements[0]: not_affected needs a justification or an impact_statement");
    }

    @Test
    void anSbomRescansToTheSameMatchesWithoutTheImage() throws Exception {
        assertThat(Cli.run("db", "import", "--db", db(), records().toString()).code())
                .isZero();
        String image = "oci:" + Fixtures.dir().resolve("debian");
        Path bom = tmp.resolve("bom.json");
        assertThat(Cli.run("sbom", "-o", bom.toString(), image).code()).isZero();
        JsonNode fromImage =
                Cli.run("scan", "--format", "json", "--db", db(), image).json();
        Cli.Result r = Cli.run("scan", "--format", "json", "--db", db(), "--sbom", bom.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("result")).isEqualTo(fromImage.path("result"));
        assertThat(r.json().path("digest")).isEqualTo(fromImage.path("digest"));
        // another tool's SBOM: purls only, the distribution from their distro qualifier
        Path foreign = tmp.resolve("foreign.json");
        Files.writeString(
                foreign,
                "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"version\": 1,"
                        + " \"components\": [{\"type\": \"library\", \"name\": \"libuuid1\", \"version\": \"2.38.1-5+deb12u3\","
                        + " \"purl\": \"pkg:deb/debian/libuuid1@2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12"
                        + "&upstream=util-linux\"}, {\"type\": \"library\", \"name\": \"x\"}]}");
        JsonNode f = Cli.run("scan", "--format", "json", "--db", db(), "--sbom", foreign.toString())
                .json();
        assertThat(f.path("result").path("matches").size()).isEqualTo(1);
        assertThat(f.path("result").path("matches").path(0).path("id").asText()).isEqualTo("T-1");
        assertThat(f.path("result").path("matches").path(0).path("matchedOn").asText())
                .isEqualTo("util-linux");
        Cli.Result both = Cli.run("scan", "--db", db(), "--sbom", foreign.toString(), image);
        assertThat(both.errorLine()).isEqualTo("vouch: give an IMAGE or --sbom FILE (one of them)");
        Files.writeString(foreign, "not json");
        assertThat(Cli.run("scan", "--db", db(), "--sbom", foreign.toString()).errorLine())
                .startsWith("vouch: " + foreign + ": not a CycloneDX JSON document (");
    }

    @Test
    void sarifHasOneResultPerMatchAndIsValid() throws Exception {
        assertThat(Cli.run("db", "import", "--db", db(), records().toString()).code())
                .isZero();
        String image = "oci:" + Fixtures.dir().resolve("debian");
        Cli.Result r = Cli.run("scan", "--format", "sarif", "--db", db(), image);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode log = r.json();
        var schema = Schemas.sarif210();
        assertThat(schema.validate(log)).isEmpty();
        JsonNode run = log.path("runs").path(0);
        assertThat(run.path("results").size()).isEqualTo(12);
        List<String> rules = new ArrayList<>();
        for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
            rules.add(rule.path("id").asText() + " "
                    + rule.path("properties").path("security-severity").asText());
        }
        assertThat(rules).containsExactly("T-6 9.8", "T-7 8.7", "T-4 1.0", "T-1 1.0");
        JsonNode first = run.path("results").path(0);
        assertThat(first.path("level").asText()).isEqualTo("error");
        assertThat(first.path("message").path("text").asText())
                .isEqualTo("apt 2.6.2 in " + image + " is affected by T-6; fixed in 2.6.3 (layer 0)");
    }

    @Test
    void cycloneDxCarriesTheVulnerabilitiesAndTheSuppressedOnes() throws Exception {
        assertThat(Cli.run("db", "import", "--db", db(), records().toString()).code())
                .isZero();
        Path ignore = tmp.resolve("ignore.yaml");
        Files.writeString(ignore, "ignore:\n  - id: T-4\n    reason: bash never sees untrusted input\n");
        Cli.Result r = Cli.run(
                "scan",
                "--format",
                "cyclonedx",
                "--db",
                db(),
                "--ignore-file",
                ignore.toString(),
                "oci:" + Fixtures.dir().resolve("debian"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new org.cyclonedx.parsers.JsonParser()
                        .validate(r.out().getBytes(StandardCharsets.UTF_8), org.cyclonedx.Version.VERSION_16))
                .isEmpty();
        JsonNode vulns = r.json().path("vulnerabilities");
        List<String> got = new ArrayList<>();
        for (JsonNode v : vulns) {
            got.add(v.path("id").asText() + " affects " + v.path("affects").size() + " "
                    + v.path("ratings").path(0).path("severity").asText()
                    + (v.has("analysis")
                            ? " " + v.path("analysis").path("state").asText()
                            : "")
                    + (v.has("recommendation")
                            ? " / " + v.path("recommendation").asText()
                            : ""));
        }
        assertThat(got)
                .containsExactly(
                        "T-6 affects 2 critical / Upgrade apt to 2.6.3 or later",
                        "T-7 affects 1 high / Upgrade tar to 9.9 or later",
                        "T-1 affects 8 unknown / Upgrade util-linux to 2.38.1-5+deb12u4 or later",
                        "T-4 affects 1  not_affected");
        assertThat(vulns.path(0).path("ratings").path(0).path("score").asDouble())
                .isEqualTo(9.8);
        assertThat(vulns.path(0).path("ratings").path(0).path("method").asText())
                .isEqualTo("CVSSv31");
        assertThat(vulns.path(1).path("ratings").path(0).path("score").asDouble())
                .isEqualTo(8.7);
        assertThat(vulns.path(1).path("ratings").path(0).path("method").asText())
                .isEqualTo("CVSSv4");
    }

    @Test
    void aBrokenImportChangesNothing() throws Exception {
        assertThat(Cli.run("db", "import", "--db", db(), records().toString()).code())
                .isZero();
        String before = Cli.run("db", "status", "--format", "json", "--db", db())
                .json()
                .path("recordsByEcosystem")
                .toString();
        Path zip = tmp.resolve("all.zip");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("NEW-1.json"));
            z.write(record("NEW-1", "Debian:13", "x", "[{\"introduced\": \"0\"}]", "")
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("BROKEN.json"));
            z.write("{\"id\": \"B\", \"modified\": ".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(zip, bytes.toByteArray());
        Cli.Result r = Cli.run("db", "import", "--db", db(), zip.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errorLine()).startsWith("vouch: " + zip + "!BROKEN.json: ").doesNotContain("Exception");
        assertThat(Cli.run("db", "status", "--format", "json", "--db", db())
                        .json()
                        .path("recordsByEcosystem")
                        .toString())
                .isEqualTo(before)
                .doesNotContain("Debian:13");
    }

    @Test
    void staleDatabaseWarnsAndMaxAgeRefuses() throws Exception {
        assertThat(Cli.run("db", "import", "--db", db(), Fixtures.corpus("osv").toString())
                        .code())
                .isZero();
        String image = "oci:" + Fixtures.dir().resolve("debian");
        Cli.Result r = Cli.run("scan", "--db", db(), image);
        assertThat(r.code()).isZero();
        assertThat(r.err())
                .contains("vouch: warning: the vulnerability database is ")
                .contains("days old");
        assertThat(r.out().replaceAll("\\s+", " "))
                .contains("not assessed: 96 packages (")
                .contains("the database has no Debian:12 records");
        Cli.Result old = Cli.run("scan", "--db", db(), "--max-db-age", "30", image);
        assertThat(old.code()).isEqualTo(2);
        assertThat(old.errorLine()).contains("over --max-db-age 30");
        Cli.Result none = Cli.run("scan", "--db", tmp.resolve("none.sqlite").toString(), image);
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.errorLine())
                .endsWith("none.sqlite: no vulnerability database yet (vouch db import PATH or vouch db update)");
        assertThat(Files.exists(tmp.resolve("none.sqlite"))).isFalse();
    }

    @Test
    void updateDownloadsFromAMirrorAndSaysSoWhenOffline() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("M-1.json"));
            z.write(record("M-1", "Debian:12", "apt", "[{\"introduced\": \"0\"}, {\"fixed\": \"2.7\"}]", "")
                    .getBytes(StandardCharsets.UTF_8));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> asked = new ArrayList<>();
        server.createContext("/", ex -> {
            asked.add(ex.getRequestURI().getPath());
            byte[] body = ex.getRequestURI().getPath().equals("/mirror/Debian/all.zip") ? bytes.toByteArray() : null;
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror";
            Cli.Result r = Cli.run("db", "update", "--db", db(), "--url", base, "--ecosystem", "Debian");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("imported 1 records (1 stored");
            assertThat(asked).containsExactly("/mirror/Debian/all.zip");
            Cli.Result missing = Cli.run("db", "update", "--db", db(), "--url", base, "--ecosystem", "Alpine");
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.errorLine()).isEqualTo("vouch: " + base + "/Alpine/all.zip: HTTP 404");
        } finally {
            server.stop(0);
        }
        Cli.Result offline = Cli.run("db", "update", "--db", db(), "--url", "http://127.0.0.1:1", "--ecosystem", "npm");
        assertThat(offline.code()).isEqualTo(2);
        assertThat(offline.errorLine())
                .startsWith("vouch: http://127.0.0.1:1/npm/all.zip: cannot download (")
                .endsWith("offline? import a local copy with vouch db import, or give --url of a mirror");
        try (var files = Files.list(tmp.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("osv.sqlite");
        }
    }
}
