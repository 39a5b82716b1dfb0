package dev.vouch.cli;

import dev.vouch.hardening.HardeningAnalyzer;
import dev.vouch.hardening.HardeningFacts;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vouch hardening}: what the image leaves an intruder. */
@Command(
        name = "hardening",
        description = "Shells, package managers and sshd left in the image, setuid/setgid files, root-owned files"
                + " anyone may write, accounts with an empty password, uids shared by several accounts.")
final class HardeningCommand implements Callable<Integer> {
    @Mixin
    ImageOptions options;

    @Mixin
    TextOrJson output;

    @Spec
    CommandSpec spec;

    /** The JSON report. */
    record HardeningReport(String image, String digest, HardeningFacts facts) {}

    @Override
    public Integer call() throws Exception {
        HardeningAnalyzer analyzer = new HardeningAnalyzer();
        HardeningReport report = ImageWalks.walk(
                options,
                spec,
                List.of(analyzer),
                (image, walk) ->
                        new HardeningReport(options.image, image.digest().toString(), analyzer.facts(walk)));
        ReportOutput.print(spec.commandLine().getOut(), output.format, report, HardeningCommand::text);
        return Main.OK;
    }

    private static String text(HardeningReport r) {
        HardeningFacts f = r.facts();
        StringBuilder b = new StringBuilder(r.image()).append('\n');
        line(b, "shells", f.shells());
        line(b, "package managers", f.packageManagers());
        line(b, "sshd", f.sshd() == null ? List.of() : List.of(f.sshd()));
        line(b, "setuid/setgid", f.setuidSetgid());
        line(b, "root-owned, world-writable", f.rootOwnedWorldWritable());
        line(b, "empty passwords", f.emptyPasswords());
        line(
                b,
                "shared uids",
                f.duplicateUids().entrySet().stream()
                        .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                        .toList());
        return b.toString();
    }

    private static void line(StringBuilder b, String what, List<String> items) {
        b.append(String.format(
                "  %-27s %s%n", what + ":", items.isEmpty() ? "none" : String.join(" ", prefixed(items))));
    }

    private static List<String> prefixed(List<String> items) {
        return items.stream()
                .map(i -> i.contains("/") && !i.startsWith("/") ? "/" + i : i)
                .toList();
    }
}
