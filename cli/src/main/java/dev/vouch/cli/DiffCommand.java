package dev.vouch.cli;

import dev.vouch.diff.ImageDiff;
import dev.vouch.diff.ImageDiffer;
import dev.vouch.image.Image;
import dev.vouch.image.Platform;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.source.ImageSources;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch diff}: what changed between two images. */
@Command(
        name = "diff",
        description = "What changed from IMAGE_A to IMAGE_B: config, history, layers, files of the final filesystem"
                + " (added, removed, changed: metadata, or content by SHA-256 when different layers wrote it) and"
                + " packages (added, removed, upgraded). Exit 1 when they differ, as diff(1) does.")
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE_A", description = "The image before (e.g. what the lock file named).")
    String a;

    @Parameters(index = "1", paramLabel = "IMAGE_B", description = "The image after.")
    String b;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform (default: linux/amd64).")
    String platform;

    @Option(names = "--verbose", description = "List every file; by default at most 50 of each kind.")
    boolean verbose;

    @Mixin
    TextOrJson output;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Main.Context context = Main.Context.of(spec);
        RegistryOptions options = registry.build(context);
        Platform p = platform == null ? Platform.LINUX_AMD64 : Platform.parse(platform);
        LookAlike.warn(spec, a);
        LookAlike.warn(spec, b);
        ImageDiff diff;
        try (Image x = ImageSources.open(a, p, options);
                Image y = ImageSources.open(b, p, options)) {
            diff = ImageDiffer.diff(x, a, y, b, dev.vouch.layer.ProgressListener.NONE);
        }
        ReportOutput.print(spec.commandLine().getOut(), output.format, diff, d -> text(d, verbose));
        return diff.differs() ? Main.CHECK_FAILED : Main.OK;
    }

    private static String text(ImageDiff d, boolean verbose) {
        StringBuilder s = new StringBuilder();
        s.append("A ")
                .append(d.a().image())
                .append(" (")
                .append(d.a().digest())
                .append(", ")
                .append(d.a().layers())
                .append(" layers)\n");
        s.append("B ")
                .append(d.b().image())
                .append(" (")
                .append(d.b().digest())
                .append(", ")
                .append(d.b().layers())
                .append(" layers)\n");
        if (!d.differs()) {
            return s.append("identical\n").toString();
        }
        s.append("layers: ")
                .append(d.sharedLayers())
                .append(" shared, ")
                .append(d.a().layers() - d.sharedLayers())
                .append(" only in A, ")
                .append(d.b().layers() - d.sharedLayers())
                .append(" only in B\n");
        section(s, "config", d.config(), Integer.MAX_VALUE);
        if (!d.historyOnlyA().isEmpty() || !d.historyOnlyB().isEmpty()) {
            s.append("history:\n");
            d.historyOnlyA().forEach(h -> s.append("  - ").append(cut(h)).append('\n'));
            d.historyOnlyB().forEach(h -> s.append("  + ").append(cut(h)).append('\n'));
        }
        section(s, "packages", d.packages(), Integer.MAX_VALUE);
        section(s, "files", d.files(), verbose ? Integer.MAX_VALUE : 50);
        return s.toString();
    }

    private static void section(StringBuilder s, String title, List<ImageDiff.Change> changes, int max) {
        if (changes.isEmpty()) {
            return;
        }
        long added =
                changes.stream().filter(c -> c.kind() == ImageDiff.Kind.ADDED).count();
        long removed =
                changes.stream().filter(c -> c.kind() == ImageDiff.Kind.REMOVED).count();
        long changed = changes.size() - added - removed;
        s.append(title)
                .append(": ")
                .append(added)
                .append(" added, ")
                .append(removed)
                .append(" removed, ")
                .append(changed)
                .append(" changed\n");
        int n = 0;
        for (ImageDiff.Change c : changes) {
            if (n++ >= max) {
                s.append("  … ").append(changes.size() - max).append(" more (--verbose)\n");
                break;
            }
            String mark = switch (c.kind()) {
                case ADDED -> "+";
                case REMOVED -> "-";
                case CHANGED -> "~";
            };
            s.append("  ").append(mark).append(' ').append(c.what());
            if (c.kind() == ImageDiff.Kind.CHANGED) {
                s.append(": ").append(c.before()).append(" -> ").append(c.after());
            } else {
                String v = c.kind() == ImageDiff.Kind.ADDED ? c.after() : c.before();
                if (v != null && !v.isEmpty()) {
                    s.append(" (").append(v).append(')');
                }
            }
            s.append('\n');
        }
    }

    private static String cut(String h) {
        return h.length() > 100 ? h.substring(0, 97) + "..." : h;
    }
}
