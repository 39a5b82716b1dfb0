package dev.vouch.cli;

import dev.vouch.check.render.Wrap;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.kube.Manifests;
import dev.vouch.report.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch manifests}: the runtime checks of Kubernetes objects and compose services, offline. */
@Command(
        name = "manifests",
        description = "Checks how Kubernetes workloads (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,"
                + " CronJob) and compose services would run: privileged, privilege escalation, capabilities, host"
                + " namespaces, hostPath mounts of /, /etc or the runtime socket, root users, writable root"
                + " filesystems, missing limits, unpinned or look-alike images (docs/manifests.md). Exit 1 on a high"
                + " finding.")
final class ManifestsCommand implements Callable<Integer> {
    private static final int MAX_FILE = 8 << 20;
    private static final int MAX_FILES = 10_000;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "YAML or JSON files, or directories of them.")
    List<Path> paths;

    @Mixin
    TextOrJson output;

    @Spec
    CommandSpec spec;

    record FileReport(String path, List<Finding> findings) {}

    @Override
    public Integer call() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p, 16)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                files.add(p);
            }
            if (files.size() > MAX_FILES) {
                throw new InvalidInputException(p + ": more than " + MAX_FILES + " files");
            }
        }
        List<FileReport> reports = new ArrayList<>();
        boolean failing = false;
        for (Path f : files) {
            byte[] bytes;
            bytes = BoundedReads.readFile(f, MAX_FILE);
            List<Finding> findings = Manifests.check(bytes, f.toString());
            failing |= Manifests.failing(findings);
            reports.add(new FileReport(f.toString(), findings));
        }
        var out = spec.commandLine().getOut();
        if (output.format == ImageOptions.Format.json) {
            out.println(Json.writer().writeValueAsString(reports));
        } else {
            out.print(text(reports, Terminal.width(Main.Context.of(spec))));
        }
        out.flush();
        return failing ? Main.CHECK_FAILED : Main.OK;
    }

    /** The text report: each finding wrapped to {@code width} with a hanging indent (never cut), then the count. */
    static String text(List<FileReport> reports, int width) {
        StringBuilder b = new StringBuilder();
        for (FileReport r : reports) {
            for (Finding x : r.findings()) {
                String head = x.severity().name().toLowerCase(Locale.ROOT) + " [" + x.id() + "] ";
                b.append(Wrap.hanging(head, x.message(), "    ", width));
            }
        }
        long n = reports.stream().mapToLong(r -> r.findings().size()).sum();
        return b.append(n)
                .append(" finding(s) in ")
                .append(reports.size())
                .append(" file(s)\n")
                .toString();
    }
}
