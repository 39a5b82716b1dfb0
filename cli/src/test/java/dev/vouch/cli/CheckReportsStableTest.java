package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reports of a set of checks of the demo image, kept byte for byte in src/test/resources/golden. The evidence
 * (JSON and SARIF with {@code --policy none}) was written by {@code vouch check} before the check moved into core's
 * pipeline ({@code dev.vouch.api.Vouch}), and the command over the pipeline still writes exactly it; the policy
 * reports were written again on purpose when policy outcomes gained their fix and the text report started to wrap
 * instead of cutting. A change to a report is a change to these files, made on purpose and reviewed.
 */
class CheckReportsStableTest {
    private static final String DEMO = "oci:../examples/demo";
    private static final String BUILT_FROM = "--dockerfile ../examples/demo-src/Dockerfile"
            + " --base oci:../examples/demo-base:1 --osv ../examples/demo-src/osv";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "demo.json                            | --format json --policy none " + DEMO,
                "demo-base.json                       | --format json --policy none oci:../examples/demo-base:1",
                "demo-dockerfile-base-osv.json        | --format json --policy none " + BUILT_FROM + " " + DEMO,
                "demo-dockerfile-base-osv.sarif.json  | --format sarif --policy none " + BUILT_FROM + " " + DEMO,
                "demo-policy-baseline.json            | --format json --policy baseline " + BUILT_FROM + " " + DEMO,
                "demo-policy-strict.json              | --format json --policy strict " + BUILT_FROM + " " + DEMO,
                "demo-policy-baseline.txt             | --format text --policy baseline " + BUILT_FROM + " " + DEMO,
            })
    void theReportIsTheOneWrittenBeforeTheMove(String golden, String args) throws IOException {
        String expected = Files.readString(Path.of("src/test/resources/golden", golden), StandardCharsets.UTF_8);
        String[] argv = ("check --no-cache " + args.strip()).split(" +");
        // the same fresh environment the files were written in: no cache (every layer read), no database, no terminal
        Cli.Result r = Cli.runIn(Map.of("HOME", "/nonexistent-vouch-home", "PATH", System.getenv("PATH")), "", argv);
        // the tool's version is the build's (0.0.0-dev from classes, the release from a jar), not the report's
        String out = r.out().replaceAll("\"semanticVersion\" : \"[^\"]*\"", "\"semanticVersion\" : \"0.0.0-dev\"");
        if (!out.equals(expected)) {
            // the report as it is now, beside the kept one, for a diff
            Path actual = Path.of("target/golden-actual", golden);
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, out, StandardCharsets.UTF_8);
        }
        assertThat(r.err()).isEmpty();
        assertThat(out).as("compare with target/golden-actual/" + golden).isEqualTo(expected);
    }
}
