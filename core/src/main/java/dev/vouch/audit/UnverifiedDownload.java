package dev.vouch.audit;

import dev.vouch.report.Severity;
import java.util.List;

/**
 * DF004: a file is downloaded and nothing checks it against a known checksum or signature before it is used, so
 * the build takes whatever the server (or anything on the way) hands out that day. Only artifacts count: a key is
 * DF009's (pinned by fingerprint or not), a license text nothing runs and a package-source file are listed in the
 * review queue instead; a source that pins itself (a commit hash in the URL, ADD --checksum) needs no check.
 */
final class UnverifiedDownload implements AuditRule {
    public String id() {
        return "DF004";
    }

    public Severity severity() {
        return Severity.HIGH;
    }

    public String title() {
        return "Download not verified by checksum or signature";
    }

    public void check(AuditContext ctx) {
        for (Stage stage : ctx.model().stages()) {
            List<Downloads.Download> downloads = Downloads.in(ctx, stage);
            if (downloads.isEmpty()) {
                continue;
            }
            List<Downloads.Check> checks = Downloads.checks(ctx, stage);
            for (Downloads.Download d : downloads) {
                if (d.kind() != Downloads.Kind.ARTIFACT
                        || d.runBy() != null
                        || d.pinned()
                        || checks.stream().anyMatch(c -> Downloads.verifies(c, d))) {
                    continue;
                }
                String what = d.file() == null ? d.url() : d.url() + " (saved as " + d.file() + ")";
                String how = switch (d.tool()) {
                    case "ADD" -> "add --checksum=sha256:… to the ADD";
                    case "git" -> "check out a full commit hash after cloning";
                    case "pip" -> "pin it with #sha256=… or install with --require-hashes";
                    case "go" -> "leave Go's checksum database on (GOSUMDB, GONOSUMDB, GOFLAGS=-insecure turn it off)";
                    default ->
                        "compare it with a pinned checksum (sha256sum -c) or verify its signature (gpg --verify)";
                };
                ctx.report(d.at(), d.tool() + " downloads " + what + " and nothing verifies it: " + how);
            }
        }
    }
}
