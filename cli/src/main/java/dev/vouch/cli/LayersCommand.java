package dev.vouch.cli;

import dev.vouch.cli.render.LayersText;
import dev.vouch.inspect.LayersReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vouch layers}: reads every layer and reports what each holds and changes. */
@Command(
        name = "layers",
        description = "Read every layer (digests and diff_ids verified) and show what each adds, changes and"
                + " removes, remnant bytes, efficiency, setuid/setgid and world-writable files.")
final class LayersCommand implements Callable<Integer> {
    @Mixin
    ImageOptions options;

    @Mixin
    TextOrJson output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LayersReport report =
                ImageWalks.walk(options, spec, List.of(), (image, walk) -> LayersReport.of(options.image, image, walk));
        ReportOutput.print(spec.commandLine().getOut(), output.format, report, LayersText::render);
        return Main.OK;
    }
}
