package dev.vouch.cli;

import dev.vouch.cli.render.InspectText;
import dev.vouch.image.Image;
import dev.vouch.inspect.InspectReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vouch inspect}: what an image says about itself, verified, without reading its layers. */
@Command(
        name = "inspect",
        description = "Show an image's manifest, config and history (digests verified; layers not read).")
final class InspectCommand implements Callable<Integer> {
    @Mixin
    ImageOptions options;

    @Mixin
    TextOrJson output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Image image = options.open(Main.Context.of(spec))) {
            InspectReport report = InspectReport.of(options.image, image);
            ReportOutput.print(spec.commandLine().getOut(), output.format, report, InspectText::render);
        }
        return Main.OK;
    }
}
