package dev.vouch.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.audit.AuditOptions;
import dev.vouch.audit.AuditRule;
import dev.vouch.audit.DockerfileAudit;
import dev.vouch.audit.ReviewQueue;
import dev.vouch.audit.Rules;
import dev.vouch.check.render.Sarif;
import dev.vouch.check.render.Wrap;
import dev.vouch.dockerfile.DockerfileParser;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.Json;
import dev.vouch.report.Finding;
import dev.vouch.report.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch dockerfile}: audits Dockerfiles with the trust rules; exit 1 when a finding at or above --fail-on remains. */
@Command(
        name = "dockerfile",
        description = "Audit Dockerfiles: base images, downloads and how they are verified, TLS and signature checks,"
                + " users and permissions. Exit 1 when a finding at or above --fail-on remains.")
final class DockerfileCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Dockerfiles; - reads standard input.")
    List<String> paths;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "text, json or sarif (default: text).",
            defaultValue = "text")
    OutputFormat format;

    enum OutputFormat {
        text,
        json,
        sarif
    }

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            description = "critical, high, medium, low or info (default: the config file's, else high).")
    String failOn;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Config file (default: .vouch.yaml in the working directory, when there is one).")
    Path config;

    @Option(names = "--ignore", paramLabel = "ID", description = "A rule id to skip everywhere. Repeatable.")
    List<String> ignore = new ArrayList<>();

    @Option(
            names = "--allow-image",
            paramLabel = "REPO",
            description =
                    "A Docker Hub repository to trust although it looks like an official image (DF003). Repeatable.")
    List<String> allowImages = new ArrayList<>();

    @Option(names = "--build-arg", paramLabel = "K=V", description = "A build argument, as docker build takes it.")
    List<String> buildArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** The JSON report: findings per file, and the rules that ran. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Report(int schemaVersion, String kind, List<FileReport> files, List<RuleInfo> rules) {}

    record FileReport(String path, List<Finding> findings, ReviewQueue review) {}

    record RuleInfo(String id, Severity severity, String title, List<String> hadolint) {}

    @Override
    public Integer call() throws Exception {
        AuditConfig.Section cfg = AuditConfig.load(config).dockerfile();
        Severity threshold = severity(failOn != null ? failOn : cfg.failOn() != null ? cfg.failOn() : "high");
        Set<String> ignored = new LinkedHashSet<>();
        for (String id : ignore) {
            ignored.add(id.toUpperCase(Locale.ROOT));
        }
        for (String id : cfg.ignore()) {
            ignored.add(id.toUpperCase(Locale.ROOT));
        }
        allowImages.addAll(cfg.allowImages());
        Map<String, String> args = DockerfileInput.buildArgs(buildArgs);
        List<FileReport> files = new ArrayList<>();
        boolean failed = false;
        for (String p : paths) {
            String text = read(p);
            String name = p.equals("-") ? "<stdin>" : p;
            DockerfileAudit.Result result = DockerfileAudit.audit(
                    DockerfileParser.parse(text, name),
                    new AuditOptions(args, ignored, new LinkedHashSet<>(allowImages)));
            List<Finding> findings = result.findings();
            files.add(new FileReport(name, findings, result.review()));
            failed |= findings.stream().anyMatch(f -> f.severity().compareTo(threshold) <= 0);
        }
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.sarif) {
            List<Sarif.FileFindings> sarifFiles = new ArrayList<>();
            for (FileReport f : files) {
                sarifFiles.add(new Sarif.FileFindings(f.path(), f.findings()));
            }
            out.println(Json.writer().writeValueAsString(Sarif.log(Rules.all(), sarifFiles)));
        } else if (format == OutputFormat.json) {
            List<RuleInfo> rules = new ArrayList<>();
            for (AuditRule r : Rules.all()) {
                rules.add(new RuleInfo(r.id(), r.severity(), r.title(), r.hadolint()));
            }
            out.println(Json.writer().writeValueAsString(new Report(1, "dockerfile", files, rules)));
        } else {
            out.print(text(files, Terminal.width(Main.Context.of(spec))));
        }
        out.flush();
        return failed ? Main.CHECK_FAILED : Main.OK;
    }

    /**
     * The text report: per file its findings, each wrapped to {@code width} under its severity (never cut), then its
     * review queue.
     */
    static String text(List<FileReport> files, int width) {
        StringBuilder b = new StringBuilder();
        for (FileReport f : files) {
            b.append(f.path())
                    .append(": ")
                    .append(
                            f.findings().isEmpty()
                                    ? "no findings"
                                    : f.findings().size() + " findings")
                    .append('\n');
            for (Finding x : f.findings()) {
                String severity = String.format("  %-8s ", x.severity().name().toLowerCase(Locale.ROOT));
                b.append(Wrap.hanging(severity, x.oneLine(), " ".repeat(severity.length()), width));
            }
            if (f.review() != null && !f.review().isEmpty()) {
                b.append(ReviewText.render(f.review(), width));
            }
        }
        return b.toString();
    }

    private String read(String p) throws IOException {
        return DockerfileInput.read(p, Main.Context.of(spec).stdin());
    }

    private static Severity severity(String s) {
        try {
            return Severity.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--fail-on " + s + ": expected critical, high, medium, low or info");
        }
    }
}
