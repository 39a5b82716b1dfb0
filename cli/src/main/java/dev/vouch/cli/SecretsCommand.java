package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.io.Json;
import dev.vouch.report.Severity;
import dev.vouch.secret.SecretFinding;
import dev.vouch.secret.SecretScanner;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vouch secrets}: secrets in the image's files (deleted ones included) and in its config. */
@Command(
        name = "secrets",
        description = "Find secrets in every layer (a file a later layer deleted still ships) and in the config's"
                + " env, labels and recorded build args; values are never printed, only a masked preview.")
final class SecretsCommand implements Callable<Integer> {
    @Mixin
    ImageOptions options;

    @Mixin
    TextOrJson output;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            defaultValue = "high",
            description = "Exit 1 when a secret at or above this severity is found (default: high).")
    String failOn;

    @Spec
    CommandSpec spec;

    /** The JSON report. */
    record SecretsReport(String image, String digest, List<SecretFinding> secrets) {}

    @Override
    public Integer call() throws Exception {
        Severity threshold;
        try {
            threshold = Severity.valueOf(failOn.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--fail-on " + failOn + ": expected critical, high, medium, low or info");
        }
        SecretScanner scanner = new SecretScanner();
        SecretsReport report = ImageWalks.walk(
                options,
                spec,
                List.of(scanner),
                (image, walk) -> new SecretsReport(
                        options.image, image.digest().toString(), scanner.findings(walk, image.config())));
        PrintWriter out = spec.commandLine().getOut();
        if (output.format == ImageOptions.Format.json) {
            out.println(Json.writer().writeValueAsString(report));
        } else {
            out.print(text(report));
        }
        out.flush();
        return report.secrets().stream().anyMatch(s -> s.severity().compareTo(threshold) <= 0)
                ? Main.CHECK_FAILED
                : Main.OK;
    }

    private static String text(SecretsReport r) {
        StringBuilder b = new StringBuilder();
        b.append(r.image()).append(": ").append(r.secrets().size()).append(" secrets\n");
        for (SecretFinding s : r.secrets()) {
            String where = s.source().equals("file")
                    ? "/" + s.path() + (s.line() == null ? "" : ":" + s.line()) + " (layer " + s.layer()
                            + (s.remnant() ? ", deleted or replaced later: still in that layer's bytes" : "") + ")"
                    : s.source() + " " + s.path();
            b.append(String.format(
                    "  %-8s [%s] %s: %s%s%n",
                    s.severity().name().toLowerCase(Locale.ROOT),
                    s.id(),
                    s.title(),
                    where,
                    s.preview() == null ? "" : " " + s.preview()));
        }
        return b.toString();
    }
}
