package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SBOM too large for the heap it is given is bad input like any other: one line naming the file and how large it
 * is, exit 2, no stack trace. (The heap the launcher gives, 192 MiB, scans 100,000 components with a million matches:
 * bench/scan-scale.sh measures that.)
 */
class ScanScaleTest {
    @TempDir
    Path tmp;

    @Test
    void anSbomTooLargeForTheHeapIsOneLineAndExitTwo() throws Exception {
        Path sbom = tmp.resolve("big.cdx.json");
        try (BufferedWriter w = Files.newBufferedWriter(sbom)) {
            w.write("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"version\": 1, \"components\": [");
            for (int i = 0; i < 100_000; i++) {
                w.write((i == 0 ? "" : ",") + "{\"type\": \"library\", \"name\": \"p" + i
                        + "\", \"version\": \"1.0\", \"purl\": \"pkg:pypi/p" + i + "@1.0\"}");
            }
            w.write("]}");
        }
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx40m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.vouch.cli.Main",
                        "scan",
                        "--db",
                        tmp.resolve("none.sqlite").toString(),
                        "--sbom",
                        sbom.toString())
                .redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> err = Files.readAllLines(tmp.resolve("err")).stream()
                .filter(l -> !l.startsWith("SLF4J"))
                .toList();
        assertThat(p.exitValue()).as(String.join("\n", err)).isEqualTo(2);
        assertThat(err)
                .containsExactly("vouch: " + sbom + ": its " + Files.size(sbom)
                        + " bytes of SBOM do not fit in memory (raise the heap, e.g. VOUCH_JAVA_OPTS=-Xmx1g)");
        assertThat(Files.size(tmp.resolve("out"))).isZero();
    }
}
