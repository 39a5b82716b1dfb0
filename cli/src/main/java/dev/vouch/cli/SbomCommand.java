package dev.vouch.cli;

import dev.vouch.io.Json;
import dev.vouch.sbom.Catalog;
import dev.vouch.sbom.CycloneDx;
import dev.vouch.sbom.Sbom;
import dev.vouch.sbom.Spdx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vouch sbom}: the packages of an image, each with the layer that introduced it. */
@Command(
        name = "sbom",
        description = "List the packages of an image (dpkg, apk; rpm databases are noted, not read yet), each with"
                + " its purl, licenses, source package and the layer that introduced it, as CycloneDX 1.6, SPDX 2.3,"
                + " vouch's JSON or text.")
final class SbomCommand implements Callable<Integer> {
    @Mixin
    ImageOptions options;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "cyclonedx, spdx, json or text (default: cyclonedx).",
            defaultValue = "cyclonedx")
    Format format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to FILE (replaced whole, atomically) instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    enum Format {
        cyclonedx,
        spdx,
        json,
        text
    }

    @Override
    public Integer call() throws Exception {
        Catalog catalog = Catalog.standard();
        Sbom sbom = ImageWalks.walk(
                options, spec, List.of(catalog), (image, walk) -> catalog.finish(options.image, image, walk));
        String text = switch (format) {
            case cyclonedx -> CycloneDx.json(sbom, Version.number()) + "\n";
            case spdx -> Json.writer().writeValueAsString(Spdx.json(sbom, Version.number())) + "\n";
            case json -> Json.writer().writeValueAsString(sbom) + "\n";
            case text -> SbomText.render(sbom);
        };
        if (output != null) {
            AtomicFiles.write(output, text);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        return Main.OK;
    }
}
