package dev.vouch.audit;

import dev.vouch.dockerfile.Dockerfile;
import dev.vouch.dockerfile.Instruction;
import dev.vouch.dockerfile.ParseError;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs every rule over a Dockerfile and applies suppressions: a comment line {@code # vouch:ignore DF004 reason}
 * directly above an instruction silences those ids for it, and {@code ignored} silences ids everywhere. A file that
 * does not parse yields only finding DF000 with the line at fault, not an exception.
 */
public final class DockerfileAudit {
    private static final Pattern IGNORE = Pattern.compile("vouch:ignore\\s+((?:DF\\d{3}[ ,]*)+)(.*)");

    private DockerfileAudit() {}

    /** The findings of an audit, ordered by line then id, and the review queue (null when the file did not parse). */
    public record Result(List<Finding> findings, ReviewQueue review) {}

    /** The findings, ordered by line then id. */
    public static List<Finding> run(Dockerfile dockerfile, AuditOptions options) {
        return audit(dockerfile, options).findings();
    }

    /** Runs the rules and builds the review queue. */
    public static Result audit(Dockerfile dockerfile, AuditOptions options) {
        List<Finding> out = new ArrayList<>();
        for (ParseError e : dockerfile.errors()) {
            out.add(new Finding(
                    "DF000",
                    Severity.HIGH,
                    "the Dockerfile does not parse: " + e.message(),
                    Location.inFile(dockerfile.name(), e.line(), e.endLine())));
        }
        if (!dockerfile.ok()) {
            return new Result(out, null); // rules over the part before the error would report what the rest may fix
        }
        AuditContext ctx = new AuditContext(BuildModel.of(dockerfile, options.buildArgs()), dockerfile.name(), options);
        for (AuditRule rule : Rules.all()) {
            if (!options.ignored().contains(rule.id())) {
                ctx.use(rule);
                rule.check(ctx);
            }
        }
        for (Finding f : ctx.findings()) {
            if (!suppressed(dockerfile, f)) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparing((Finding f) ->
                        f.location().line() == null ? 0 : f.location().line())
                .thenComparing(Finding::id));
        return new Result(out, ReviewQueue.of(ctx));
    }

    private static boolean suppressed(Dockerfile d, Finding f) {
        for (Instruction in : d.instructions()) {
            if (f.location().line() != null && in.startLine() == f.location().line()) {
                for (String c : in.comments()) {
                    Matcher m = IGNORE.matcher(c);
                    if (m.find() && m.group(1).contains(f.id())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
