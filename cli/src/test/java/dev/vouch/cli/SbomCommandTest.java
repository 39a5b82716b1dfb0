package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vouch sbom} through the CLI on the real fixture images and on crafted ones. */
class SbomCommandTest {
    @TempDir
    Path tmp;

    private static JsonNode sbom(String image) throws Exception {
        Cli.Result r = Cli.run("sbom", "--format", "json", image);
        assertThat(r.code()).as(r.err()).isZero();
        return r.json();
    }

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(false)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return out;
    }

    /** The single layer blob of an OCI layout's image (the Debian fixture has one). */
    private static Path firstLayer(Path layout) throws IOException {
        ObjectMapper m = new ObjectMapper();
        JsonNode index = m.readTree(layout.resolve("index.json").toFile());
        String manifest =
                index.path("manifests").path(0).path("digest").asText().substring(7);
        JsonNode man = m.readTree(layout.resolve("blobs/sha256/" + manifest).toFile());
        return layout.resolve("blobs/sha256/"
                + man.path("layers").path(0).path("digest").asText().substring(7));
    }

    @Test
    void debianPackagesEqualWhatDpkgQueryReadsFromTheSameLayer() throws Exception {
        Path debian = Fixtures.dir().resolve("debian");
        // independent reading: tar pulls the status file out of the layer, dpkg-query reads it
        Path admin = tmp.resolve("admin");
        Files.createDirectories(admin.resolve("updates"));
        Files.createDirectories(admin.resolve("info"));
        String status = run(tmp, "tar", "-xzOf", firstLayer(debian).toString(), "./var/lib/dpkg/status");
        Files.writeString(admin.resolve("status"), status);
        TreeSet<String> expected = new TreeSet<>();
        for (String line : run(
                        tmp,
                        "dpkg-query",
                        "--admindir=" + admin,
                        "-W",
                        "-f",
                        "${db:Status-Abbrev}|${Package}|${Version}|${source:Package}|${source:Version}|${Architecture}\\n")
                .split("\n")) {
            if (line.startsWith("ii")) {
                expected.add(line.substring(line.indexOf('|') + 1));
            }
        }
        JsonNode s = sbom("oci:" + debian);
        TreeSet<String> got = new TreeSet<>();
        for (JsonNode p : s.path("packages")) {
            got.add(p.path("name").asText() + "|" + p.path("version").asText() + "|"
                    + p.path("sourceName").asText() + "|"
                    + p.path("sourceVersion").asText() + "|" + p.path("arch").asText());
            assertThat(p.path("type").asText()).isEqualTo("DEB");
            assertThat(p.path("locations").path(0).path("layer").asInt()).isZero();
        }
        assertThat(expected).hasSizeGreaterThan(80);
        assertThat(got).isEqualTo(expected);
        assertThat(got).contains("bsdutils|1:2.38.1-5+deb12u3|util-linux|2.38.1-5+deb12u3|amd64");
        assertThat(s.path("distro").path("id").asText()).isEqualTo("debian");
        assertThat(s.path("distro").path("versionId").asText()).isEqualTo("12");
        // Debian's ldconfig is a static-pie executable: the one note
        assertThat(s.path("notes").toString())
                .isEqualTo("[\"statically linked ELF executable /usr/sbin/ldconfig: the libraries compiled into it are"
                        + " not listed\"]");
    }

    @Test
    void aPackageInstalledInALaterLayerIsTracedToThatLayer() throws Exception {
        JsonNode s = sbom("oci:" + Fixtures.dir().resolve("pkgs"));
        List<String> late = new ArrayList<>();
        JsonNode tool = null;
        for (JsonNode p : s.path("packages")) {
            if (p.path("type").asText().equals("DEB")
                    && p.path("locations").path(0).path("layer").asInt() != 0) {
                late.add(p.path("name").asText());
                tool = p;
            }
        }
        // only the package dpkg installed in layer 2 is traced there; the base's packages stay in layer 0 although
        // layer 2 rewrote the status file that lists them
        assertThat(late).containsExactly("vouch-fixture-tool");
        assertThat(tool.path("locations").path(0).path("layer").asInt()).isEqualTo(2);
        assertThat(tool.path("version").asText()).isEqualTo("1.2-3");
        assertThat(tool.path("sourceName").asText()).isEqualTo("vouch-fixture-src");
        assertThat(tool.path("sourceVersion").asText()).isEqualTo("1.2-1");
        assertThat(tool.path("licenses").toString()).isEqualTo("[\"Apache-2.0\"]");
        assertThat(tool.path("purl").asText())
                .isEqualTo("pkg:deb/debian/vouch-fixture-tool@1.2-3?arch=all&distro=debian-12"
                        + "&upstream=vouch-fixture-src%401.2-1");
        assertThat(s.path("layers").path(2).path("createdBy").asText()).contains("dpkg -i /tmp/vouch-fixture-tool.deb");
    }

    @Test
    void javaNpmAndPythonPackagesWithWhereTheyWereFound() throws Exception {
        JsonNode s = sbom("oci:" + Fixtures.dir().resolve("pkgs"));
        List<String> got = new ArrayList<>();
        for (JsonNode p : s.path("packages")) {
            if (!p.path("type").asText().equals("DEB")
                    && !p.path("type").asText().equals("GOLANG")) {
                got.add(p.path("type").asText() + " " + p.path("name").asText() + " "
                        + p.path("version").asText()
                        + " " + p.path("purl").asText("-") + " " + p.path("licenses") + " /"
                        + p.path("locations").path(0).path("path").asText() + " layer "
                        + p.path("locations").path(0).path("layer").asInt());
            }
        }
        assertThat(got)
                .containsExactly(
                        "MAVEN com.example:inner 2.3.4 pkg:maven/com.example/inner@2.3.4 [] "
                                + "/opt/java/app.jar!BOOT-INF/lib/inner.jar layer 3",
                        "MAVEN deep 0.9 - [\"Apache-2.0\"] /opt/java/app.jar!BOOT-INF/lib/inner.jar!lib/deep-0.9.jar"
                                + " layer 3",
                        "MAVEN dev.vouch.fixture:app 1.0.0 pkg:maven/dev.vouch.fixture/app@1.0.0 [] /opt/java/app.jar"
                                + " layer 3",
                        "NPM @fixture/thing 0.1.0 pkg:npm/%40fixture/thing@0.1.0 [\"MIT\"] "
                                + "/opt/node/node_modules/@fixture/thing/package.json layer 3",
                        "NPM inner 0.0.1 pkg:npm/inner@0.0.1 [\"ISC\"] "
                                + "/opt/node/node_modules/left-pad/node_modules/inner/package.json layer 3",
                        "NPM left-pad 1.3.0 pkg:npm/left-pad@1.3.0 [\"WTFPL\"] "
                                + "/opt/node/node_modules/left-pad/package.json layer 3",
                        "PYPI requests 2.31.0 pkg:pypi/requests@2.31.0 [\"Apache 2.0\"] "
                                + "/usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA layer 3",
                        "PYPI six 1.16.0 pkg:pypi/six@1.16.0 [\"MIT License\"] "
                                + "/usr/local/lib/python3.11/site-packages/six-1.16.0.egg-info/PKG-INFO layer 3");
    }

    @Test
    void goBinaryModulesAreWhatGoVersionSays() throws Exception {
        // independent reading: the Go toolchain's own `go version -m` on the same binary
        String m = run(
                tmp,
                "go",
                "version",
                "-m",
                Fixtures.dir().resolve("vouch-go-fixture").toString());
        TreeSet<String> expected = new TreeSet<>();
        for (String line : m.split("\n")) {
            String[] f = line.strip().split("\t");
            if (line.contains(": go1.")) {
                expected.add(
                        "stdlib " + line.substring(line.indexOf(": go") + 4).strip());
            } else if (f.length >= 3 && (f[0].equals("mod") || f[0].equals("dep"))) {
                expected.add(f[1] + " " + f[2]);
            }
        }
        JsonNode s = sbom("oci:" + Fixtures.dir().resolve("pkgs"));
        TreeSet<String> got = new TreeSet<>();
        for (JsonNode p : s.path("packages")) {
            if (p.path("type").asText().equals("GOLANG")) {
                got.add(p.path("name").asText() + " " + p.path("version").asText());
                assertThat(p.path("locations").path(0).path("path").asText())
                        .isEqualTo("usr/local/bin/vouch-go-fixture");
            }
        }
        assertThat(expected).contains("example.com/greeting v1.2.3", "example.com/vouchfixture (devel)");
        assertThat(got).isEqualTo(expected);
        assertThat(s.path("notes").toString())
                .contains("statically linked ELF executable /usr/local/bin/vouch-go-fixture: a Go binary, its modules"
                        + " are listed from its build info")
                .contains("statically linked ELF executable /usr/sbin/ldconfig: the libraries compiled into it are"
                        + " not listed");
        // dynamically linked executables are not noted
        assertThat(s.path("notes").toString()).doesNotContain("/usr/bin/bash").doesNotContain("/bin/ls");
    }

    @Test
    void rpmPackagesFromTheSqliteDatabaseAreWhatRpmSays() throws Exception {
        Path db = Fixtures.dir().resolve("rpmdb.sqlite");
        // independent reading: rpm itself on a copy of the same database
        Path dbDir = Files.createDirectories(tmp.resolve("rpmdb"));
        Files.copy(db, dbDir.resolve("rpmdb.sqlite"));
        TreeSet<String> expected = new TreeSet<>(List.of(run(
                        tmp,
                        "rpm",
                        "--dbpath",
                        dbDir.toString(),
                        "-qa",
                        "--qf",
                        "%{NAME} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE} %{ARCH} %{SOURCERPM}\\n")
                .strip()
                .split("\n")));
        byte[] layer = new Crafted.Tar()
                .dir("etc")
                .file("etc/os-release", "NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=40\n")
                .dir("var/lib/rpm")
                .file("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(db), 0644)
                .bytes();
        Crafted.Layout img = Crafted.layout(tmp.resolve("fedora"), List.of(Crafted.LayerBlob.gzipped(layer)), 0);
        JsonNode s = sbom("oci:" + img.dir());
        TreeSet<String> got = new TreeSet<>();
        for (JsonNode p : s.path("packages")) {
            assertThat(p.path("type").asText()).isEqualTo("RPM");
            assertThat(p.path("sourceName").asText()).isEqualTo("vouch-fixture-rpm");
            String purl = p.path("purl").asText();
            got.add(p.path("name").asText() + " " + p.path("version").asText() + " "
                    + p.path("arch").asText() + " "
                    + purl.substring(purl.indexOf("upstream=") + 9).replace("%2B", "+"));
        }
        assertThat(expected).hasSize(2);
        assertThat(got).isEqualTo(expected);
        assertThat(s.path("notes")).isEmpty();
        // scanning says these cannot be matched yet, rather than calling them clean
        Path vdb = tmp.resolve("osv.sqlite");
        assertThat(Cli.run(
                                "db",
                                "import",
                                "--db",
                                vdb.toString(),
                                Fixtures.corpus("osv").toString())
                        .code())
                .isZero();
        JsonNode scan = Cli.run("scan", "--format", "json", "--db", vdb.toString(), "oci:" + img.dir())
                .json();
        assertThat(scan.path("result")
                        .path("notAssessed")
                        .path(0)
                        .path("reason")
                        .asText())
                .isEqualTo("no vulnerability matching for rpm packages on fedora-40 yet");
    }

    @Test
    void lockFilesOfNpmYarnAndPnpmListTheirProductionPackages() throws Exception {
        byte[] layer = new Crafted.Tar()
                .dir("app/node_modules/express")
                // v3 lock: the project (""), a dev dependency, a link and a nested one; express is also installed
                .file("app/package-lock.json", """
                        {"name": "app", "lockfileVersion": 3, "packages": {
                          "": {"name": "app", "version": "1.0.0"},
                          "node_modules/express": {"version": "4.18.2", "license": "MIT"},
                          "node_modules/@types/node": {"version": "20.1.0", "dev": true},
                          "node_modules/mylib": {"resolved": "../lib", "link": true},
                          "node_modules/express/node_modules/debug": {"version": "2.6.9"}}}""")
                .file(
                        "app/node_modules/express/package.json",
                        "{\"name\": \"express\", \"version\": \"4.18.2\", \"license\": \"MIT\"}")
                // npm's hidden lock file repeats node_modules: not read
                .file(
                        "app/node_modules/.package-lock.json",
                        "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/ghost\": {\"version\": \"1.0.0\"}}}")
                .dir("old")
                .file("old/package-lock.json", """
                        {"lockfileVersion": 1, "dependencies": {
                          "left-pad": {"version": "1.3.0"},
                          "mocha": {"version": "10.0.0", "dev": true},
                          "from-git": {"version": "github:user/repo#abc123"},
                          "outer": {"version": "2.0.0", "dependencies": {"inner": {"version": "0.1.0"}}}}}""")
                .dir("y1")
                .file("y1/yarn.lock", """
                        # THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
                        # yarn lockfile v1


                        "@babel/core@^7.0.0":
                          version "7.22.0"
                          resolved "https://registry.yarnpkg.com/@babel/core/-/core-7.22.0.tgz"

                        lodash@^4.17.0, lodash@^4.17.21:
                          version "4.17.21"
                        """)
                .dir("y2")
                .file("y2/yarn.lock", """
                        __metadata:
                          version: 8
                          cacheKey: 10

                        "app@workspace:.":
                          version: 0.0.0-use.local

                        "react@npm:^18.2.0":
                          version: 18.2.0
                          resolution: "react@npm:18.2.0"
                        """)
                .dir("p")
                .file("p/pnpm-lock.yaml", """
                        lockfileVersion: '6.0'
                        packages:
                          /ms@2.1.3:
                            resolution: {integrity: sha512-x}
                            dev: false
                          /@scope/x@1.0.0(react@18.2.0):
                            resolution: {integrity: sha512-y}
                          /jest@29.0.0:
                            resolution: {integrity: sha512-z}
                            dev: true
                        """)
                .dir("bad")
                .file("bad/package-lock.json", "{not json")
                .bytes();
        Crafted.Layout img = Crafted.layout(tmp.resolve("locks"), List.of(Crafted.LayerBlob.gzipped(layer)), 0);
        JsonNode s = sbom("oci:" + img.dir());
        List<String> got = new ArrayList<>();
        for (JsonNode p : s.path("packages")) {
            List<String> at = new ArrayList<>();
            p.path("locations").forEach(l -> at.add(l.path("path").asText()));
            got.add(p.path("purl").asText() + " " + p.path("licenses") + " " + at);
        }
        assertThat(got)
                .containsExactly(
                        "pkg:npm/%40babel/core@7.22.0 [] [y1/yarn.lock]",
                        "pkg:npm/%40scope/x@1.0.0 [] [p/pnpm-lock.yaml]",
                        "pkg:npm/debug@2.6.9 [] [app/package-lock.json]",
                        "pkg:npm/express@4.18.2 [\"MIT\"] [app/node_modules/express/package.json,"
                                + " app/package-lock.json]",
                        "pkg:npm/inner@0.1.0 [] [old/package-lock.json]",
                        "pkg:npm/left-pad@1.3.0 [] [old/package-lock.json]",
                        "pkg:npm/lodash@4.17.21 [] [y1/yarn.lock]",
                        "pkg:npm/ms@2.1.3 [] [p/pnpm-lock.yaml]",
                        "pkg:npm/outer@2.0.0 [] [old/package-lock.json]",
                        "pkg:npm/react@18.2.0 [] [y2/yarn.lock]");
        assertThat(s.path("notes").toString())
                .contains("/bad/package-lock.json in layer 0 could not be read: invalid JSON: Unexpected character");
    }

    @Test
    void aDeletedJarIsNotListedAndABrokenOneIsNoted() throws Exception {
        byte[] jar;
        try (var bytes = new java.io.ByteArrayOutputStream();
                var z = new java.util.zip.ZipOutputStream(bytes)) {
            z.putNextEntry(new java.util.zip.ZipEntry("META-INF/maven/g/gone/pom.properties"));
            z.write("groupId=g\nartifactId=gone\nversion=1\n".getBytes(StandardCharsets.UTF_8));
            z.finish();
            jar = bytes.toByteArray();
        }
        byte[] first = new Crafted.Tar()
                .dir("app")
                .file("app/gone.jar", jar, 0644)
                .file("app/broken.jar", "PK\u0003\u0004 not really a zip")
                .bytes();
        byte[] second = new Crafted.Tar().file("app/.wh.gone.jar", "").bytes();
        Crafted.Layout img = Crafted.layout(
                tmp.resolve("jars"), List.of(Crafted.LayerBlob.gzipped(first), Crafted.LayerBlob.gzipped(second)), 0);
        JsonNode s = sbom("oci:" + img.dir());
        assertThat(s.path("packages")).isEmpty();
        assertThat(s.path("notes").toString())
                .contains("/app/broken.jar in layer 0 could not be read: not a zip archive, or one with no entries");
    }

    @Test
    void berkeleyDbAndNdbRpmDatabasesOfOlderDistributionsAreRead() throws Exception {
        Path rpmdb = Fixtures.corpus("rpmdb/pkg/testdata");
        byte[] sles = new Crafted.Tar()
                .dir("etc")
                .file("etc/os-release", "ID=\"sles\"\nVERSION_ID=\"15.3\"\n")
                .dir("usr/lib/sysimage/rpm")
                .file(
                        "usr/lib/sysimage/rpm/Packages.db",
                        Files.readAllBytes(rpmdb.resolve("sle15-bci/Packages.db")),
                        0644)
                .bytes();
        byte[] centos = new Crafted.Tar()
                .dir("etc")
                .file("etc/os-release", "ID=\"centos\"\nVERSION_ID=\"8\"\n")
                .dir("var/lib/rpm")
                .file("var/lib/rpm/Packages", Files.readAllBytes(rpmdb.resolve("libuuid/Packages")), 0644)
                .bytes();
        JsonNode ndb = sbom("oci:"
                + Crafted.layout(tmp.resolve("sles"), List.of(Crafted.LayerBlob.gzipped(sles)), 0)
                        .dir());
        assertThat(ndb.path("packages").size()).isEqualTo(35);
        List<String> bash = new ArrayList<>();
        for (JsonNode p : ndb.path("packages")) {
            if (p.path("name").asText().equals("bash")) {
                bash.add(p.path("purl").asText() + " " + p.path("sourceName").asText() + " "
                        + p.path("locations").path(0).path("path").asText());
            }
        }
        assertThat(bash)
                .containsExactly("pkg:rpm/sles/bash@4.4-19.6.1?arch=x86_64&distro=sles-15.3"
                        + "&upstream=bash-4.4-19.6.1.src.rpm bash usr/lib/sysimage/rpm/Packages.db");
        assertThat(ndb.path("notes")).isEmpty();
        JsonNode bdb = sbom("oci:"
                + Crafted.layout(tmp.resolve("centos"), List.of(Crafted.LayerBlob.gzipped(centos)), 0)
                        .dir());
        assertThat(bdb.path("packages").path(0).path("purl").asText())
                .isEqualTo("pkg:rpm/centos/libuuid@2.32.1-42.el8_8?arch=x86_64&distro=centos-8"
                        + "&upstream=util-linux-2.32.1-42.el8_8.src.rpm");
        assertThat(bdb.path("packages").size()).isEqualTo(1);
    }

    @Test
    void brokenDatabasesLocksAndArchivesSayWhatWasWrong() throws Exception {
        byte[] empty;
        try (var bytes = new java.io.ByteArrayOutputStream();
                var z = new java.util.zip.ZipOutputStream(bytes)) {
            z.finish();
            empty = bytes.toByteArray();
        }
        byte[] layer = new Crafted.Tar()
                .dir("var/lib/dpkg")
                .file("var/lib/dpkg/status", "\u0000\u0001 binary, not stanzas\n")
                .dir("lib/apk/db")
                .file("lib/apk/db/installed", "nothing: here\n")
                .dir("var/lib/rpm")
                .file("var/lib/rpm/rpmdb.sqlite", "")
                .dir("app")
                .file("app/package-lock.json", "null")
                .file("app/empty.jar", empty, 0644)
                .dir("web")
                .file("web/pnpm-lock.yaml", "- a list\n- not a lock\n")
                .bytes();
        Crafted.Layout img = Crafted.layout(tmp.resolve("broken"), List.of(Crafted.LayerBlob.gzipped(layer)), 0);
        JsonNode s = sbom("oci:" + img.dir());
        assertThat(s.path("packages")).isEmpty();
        List<String> notes = new ArrayList<>();
        s.path("notes").forEach(n -> notes.add(n.asText()));
        assertThat(notes)
                .containsExactlyInAnyOrder(
                        "/var/lib/dpkg/status in layer 0 could not be read: no stanza names a Package: not a dpkg"
                                + " status file",
                        "/lib/apk/db/installed in layer 0 could not be read: no record names a package (P:): not an"
                                + " apk database",
                        "/var/lib/rpm/rpmdb.sqlite in layer 0 could not be read: the file is empty",
                        "/app/package-lock.json in layer 0 could not be read: its top level is null, not a mapping:"
                                + " not a lock file",
                        "/web/pnpm-lock.yaml in layer 0 could not be read: its top level is array, not a mapping:"
                                + " not a lock file",
                        "/app/empty.jar in layer 0 could not be read: not a zip archive, or one with no entries",
                        "no os-release or distribution release file: the operating system is unknown");
    }

    @Test
    void productionOnlyLocksCoordinatesWithoutPomPropertiesAndEggs() throws Exception {
        byte[] gradleJar;
        try (var bytes = new java.io.ByteArrayOutputStream();
                var z = new java.util.zip.ZipOutputStream(bytes)) {
            z.putNextEntry(new java.util.zip.ZipEntry("META-INF/MANIFEST.MF"));
            z.write(
                    "Manifest-Version: 1.0\r\nImplementation-Version: 1.4.2\r\nAutomatic-Module-Name: com.example.widgets.core\r\n\r\n"
                            .getBytes(StandardCharsets.UTF_8));
            z.finish();
            gradleJar = bytes.toByteArray();
        }
        byte[] layer = new Crafted.Tar()
                .dir("srv/app")
                .file(
                        "srv/app/package.json",
                        "{\"dependencies\": {\"ms\": \"^2.1.0\"}, \"devDependencies\": {\"jest\": \"^29\"}}")
                .file(
                        "srv/app/yarn.lock",
                        "ms@^2.1.0:\n  version \"2.1.3\"\n\njest@^29:\n  version \"29.0.0\"\n  dependencies:\n"
                                + "    chalk \"^4\"\n\nchalk@^4:\n  version \"4.1.2\"\n")
                .dir("opt/lib")
                .file("opt/lib/widgets-core-1.4.2.jar", gradleJar, 0644)
                .dir("usr/lib/python3/dist-packages/six-1.16.0-py3.11.egg/EGG-INFO")
                .file(
                        "usr/lib/python3/dist-packages/six-1.16.0-py3.11.egg/EGG-INFO/PKG-INFO",
                        "name: six\nversion: 1.16.0\n")
                .dir("usr/local/lib/python3.12/lib-dynload")
                .file("usr/local/lib/python3.12/lib-dynload/Python-3.12.1.egg-info", "Name: Python\nVersion: 3.12.1\n")
                .bytes();
        Crafted.Layout img = Crafted.layout(tmp.resolve("names"), List.of(Crafted.LayerBlob.gzipped(layer)), 0);
        List<String> got = new ArrayList<>();
        for (JsonNode p : sbom("oci:" + img.dir()).path("packages")) {
            got.add(p.path("purl").asText() + " " + p.path("properties") + " "
                    + p.path("locations").path(0).path("path").asText());
        }
        assertThat(got)
                .containsExactly(
                        "pkg:maven/com.example.widgets/widgets-core@1.4.2 {\"confidence\":\"medium\"} opt/lib/widgets-core-1.4.2.jar",
                        "pkg:npm/ms@2.1.3  srv/app/yarn.lock",
                        "pkg:pypi/six@1.16.0  usr/lib/python3/dist-packages/six-1.16.0-py3.11.egg/EGG-INFO/PKG-INFO");
    }

    @Test
    void cycloneDxIsValid16AndCarriesTheLayer() throws Exception {
        Path out = tmp.resolve("bom.json");
        Cli.Result r = Cli.run(
                "sbom", "-o", out.toString(), "docker-archive:" + Fixtures.dir().resolve("pkgs.tar"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(new JsonParser().validate(out.toFile(), Version.VERSION_16)).isEmpty();
        JsonNode bom = new ObjectMapper().readTree(out.toFile());
        assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(bom.path("components").size()).isEqualTo(109); // 108 packages and the operating system
        JsonNode layers = sbom("oci:" + Fixtures.dir().resolve("pkgs")).path("layers");
        for (JsonNode c : bom.path("components")) {
            if (c.path("name").asText().equals("vouch-fixture-tool")) {
                assertThat(c.path("properties").toString())
                        .contains("{\"name\":\"vouch:layer:diffId\",\"value\":\""
                                + layers.path(2).path("diffId").asText() + "\"}")
                        .contains("\"vouch:sourcePackage\",\"value\":\"vouch-fixture-src\"");
            }
        }
    }

    @Test
    void spdxIsValid23() throws Exception {
        var schema = Schemas.spdx23();
        Cli.Result r =
                Cli.run("sbom", "--format", "spdx", "oci:" + Fixtures.dir().resolve("pkgs"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = r.json();
        assertThat(schema.validate(doc)).isEmpty();
        assertThat(doc.path("packages").size()).isEqualTo(109); // the image and 108 packages
        assertThat(doc.path("relationships").size()).isEqualTo(109);
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc).remove("spdxVersion");
        assertThat(schema.validate(doc)).isNotEmpty();
    }

    @Test
    void craftedAlpineDistrolessAndRpmImages() throws Exception {
        byte[] base = new Crafted.Tar()
                .dir("etc")
                .symlink("etc/os-release", "../usr/lib/os-release")
                .dir("usr/lib")
                .file(
                        "usr/lib/os-release",
                        "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n")
                .dir("lib/apk/db")
                .file(
                        "lib/apk/db/installed",
                        "C:Q1abc=\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nL:MIT\no:musl\n\n"
                                + "P:busybox-binsh\nV:1.36.1-r15\nA:x86_64\nL:GPL-2.0-only\no:busybox\nF:bin\nR:sh\n")
                .bytes();
        byte[] later = new Crafted.Tar()
                .file(
                        "lib/apk/db/installed",
                        "P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nL:MIT\no:musl\n\n"
                                + "P:busybox-binsh\nV:1.36.1-r15\nA:x86_64\nL:GPL-2.0-only\no:busybox\n\n"
                                + "P:curl\nV:8.5.0-r0\nA:x86_64\nL:curl\no:curl\n")
                .dir("var/lib/dpkg/status.d")
                .file("var/lib/dpkg/status.d/tzdata", "Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n")
                .file("var/lib/dpkg/status.d/tzdata.md5sums", "0000  usr/share/zoneinfo/UTC\n")
                .dir("var/lib/rpm")
                .file("var/lib/rpm/rpmdb.sqlite", "SQLite format 3\u0000") // a broken database: noted
                .bytes();
        Crafted.Layout img = Crafted.layout(
                tmp.resolve("img"), List.of(Crafted.LayerBlob.gzipped(base), Crafted.LayerBlob.gzipped(later)), 0);
        JsonNode s = sbom("oci:" + img.dir());
        assertThat(s.path("distro").path("id").asText()).isEqualTo("alpine");
        assertThat(s.path("distro").path("source").asText()).isEqualTo("etc/os-release");
        List<String> got = new ArrayList<>();
        for (JsonNode p : s.path("packages")) {
            got.add(p.path("type").asText() + " " + p.path("name").asText() + " "
                    + p.path("version").asText() + " "
                    + p.path("sourceName").asText() + " layer "
                    + p.path("locations").path(0).path("layer").asInt()
                    + " " + p.path("purl").asText());
        }
        assertThat(got)
                .containsExactly(
                        "DEB tzdata 2024a-0+deb12u1 tzdata layer 1 pkg:deb/alpine/tzdata@2024a-0%2Bdeb12u1?arch=all"
                                + "&distro=alpine-3.19.1",
                        "APK busybox-binsh 1.36.1-r15 busybox layer 0 pkg:apk/alpine/busybox-binsh@1.36.1-r15"
                                + "?arch=x86_64&distro=alpine-3.19.1&upstream=busybox",
                        "APK curl 8.5.0-r0 curl layer 1 pkg:apk/alpine/curl@8.5.0-r0?arch=x86_64&distro=alpine-3.19.1",
                        "APK musl 1.2.4_git20230717-r4 musl layer 0 pkg:apk/alpine/musl@1.2.4_git20230717-r4"
                                + "?arch=x86_64&distro=alpine-3.19.1");
        assertThat(s.path("notes").toString())
                .isEqualTo(
                        "[\"/var/lib/rpm/rpmdb.sqlite in layer 1 could not be read: truncated: 16 bytes, shorter than an"
                                + " SQLite header\"]");
    }

    @Test
    void anImageWithoutAnyDatabaseSaysTheOsIsUnknown() throws Exception {
        Crafted.Layout img = Crafted.layout(
                tmp.resolve("bare"),
                List.of(Crafted.LayerBlob.gzipped(
                        new Crafted.Tar().file("hello", "hi\n").bytes())),
                0);
        JsonNode s = sbom("oci:" + img.dir());
        assertThat(s.path("packages")).isEmpty();
        assertThat(s.has("distro")).isFalse();
        assertThat(s.path("notes").toString())
                .isEqualTo("[\"no os-release or distribution release file: the operating system is unknown\"]");
        Cli.Result text = Cli.run("sbom", "--format", "text", "oci:" + img.dir());
        assertThat(text.out()).contains("  os: unknown\n", "  packages: 0\n");
    }
}
