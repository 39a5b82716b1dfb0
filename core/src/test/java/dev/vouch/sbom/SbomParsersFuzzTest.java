package dev.vouch.sbom;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vouch.Fuzzing;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fuzz targets for every package-metadata reader: the operating systems' databases (dpkg stanzas, apk records, rpm
 * headers, Berkeley DB and NDB files), lock files, language metadata, Java archives, ELF binaries (Go build info,
 * cargo-auditable, runtime versions) and SBOMs read back or shipped in images.
 */
class SbomParsersFuzzTest {
    private static final List<String> LOCKS = List.of("app/package-lock.json", "app/yarn.lock", "app/pnpm-lock.yaml");
    private static final List<FileCataloger> FILES = List.of(
            new PythonCataloger(),
            new RubyGemCataloger(),
            new ComposerCataloger(),
            new DotnetCataloger(),
            new CargoLockCataloger(),
            new CondaCataloger(),
            new EmbeddedSbomCataloger(),
            new RuntimeFileCataloger(),
            new NpmCataloger());
    private static final List<String> FILE_PATHS = List.of(
            "usr/lib/python3/dist-packages/x-1.dist-info/METADATA",
            "usr/local/bundle/specifications/x-1.gemspec",
            "app/vendor/composer/installed.json",
            "app/x.deps.json",
            "src/Cargo.lock",
            "opt/conda/conda-meta/x-1-0.json",
            "opt/x.spdx.json",
            "opt/java/openjdk/release",
            "app/node_modules/x/package.json");

    @FuzzTest
    void osDatabases(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 4);
        byte[] bytes = data.consumeRemainingAsBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        Fuzzing.declared(() -> {
            switch (which) {
                case 0 -> Stanzas.deb822(text);
                case 1 -> Stanzas.apk(text);
                case 2 -> {
                    RpmHeader h = RpmHeader.parse(bytes);
                    if (h != null) {
                        h.files();
                    }
                }
                case 3 -> RpmBerkeleyDb.headers(bytes);
                default -> RpmNdb.headers(bytes);
            }
        });
    }

    @FuzzTest
    void lockFiles(FuzzedDataProvider data) {
        String path = LOCKS.get(data.consumeInt(0, LOCKS.size() - 1));
        byte[] manifest = data.consumeBoolean() ? data.consumeBytes(2000) : null;
        byte[] lock = data.consumeRemainingAsBytes();
        Fuzzing.declared(
                () -> NpmLockCataloger.packages(path, lock, manifest == null ? Map.of() : Map.of("", manifest)));
    }

    @FuzzTest
    void metadataFiles(FuzzedDataProvider data) {
        int which = data.consumeInt(0, FILES.size() - 1);
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> FILES.get(which).read(FILE_PATHS.get(which), new ByteArrayInputStream(bytes)));
    }

    @FuzzTest
    void javaArchive(FuzzedDataProvider data) {
        String name = data.consumeBoolean() ? "app/lib/x-1.0.jar" : "plugins/x.hpi";
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> new JavaArchiveCataloger().read(name, new ByteArrayInputStream(bytes)));
    }

    @FuzzTest
    void elfBinary(FuzzedDataProvider data) {
        String name = List.of(
                        "usr/local/bin/app",
                        "usr/local/bin/python3.12",
                        "usr/lib/libcrypto.so.3",
                        "usr/sbin/redis-server")
                .get(data.consumeInt(0, 3));
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> new ElfBinaryCataloger().read(name, new ByteArrayInputStream(bytes)));
    }

    @FuzzTest
    void sbomReadBack(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> CycloneDxReader.read(bytes, "bom.json"));
    }

    @FuzzTest
    void smallFormats(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 2);
        byte[] bytes = data.consumeRemainingAsBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        Fuzzing.declared(() -> {
            switch (which) {
                case 0 -> PomXml.parse(bytes);
                case 1 -> Cpe.parse(text);
                default -> {
                    java.util.Map<String, String> manifest = new java.util.HashMap<>();
                    for (String line : text.split("\n", 20)) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            manifest.put(
                                    line.substring(0, colon),
                                    line.substring(colon + 1).strip());
                        }
                    }
                    JarCoordinates.derive(manifest, text.length() > 40 ? text.substring(0, 40) : text);
                }
            }
        });
    }
}
