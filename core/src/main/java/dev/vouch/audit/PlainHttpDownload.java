package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import dev.vouch.shell.SimpleCommand;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DF005: something is downloaded over plain http:// or ftp://, where anyone on the path can change it. When the
 * download is verified anyway (a pinned checksum, a signature checked with a pinned key, a commit hash, or it is the
 * signature file such a check reads), a change on the path would fail the build: what is left is a privacy matter
 * (anyone on the path sees what the build fetches), reported as low.
 */
final class PlainHttpDownload implements AuditRule {
    private static final Set<String> FETCHERS =
            Set.of("curl", "wget", "fetch", "aria2c", "git", "pip", "pip3", "svn", "hg", "npm", "yarn", "go", "gem");

    public String id() {
        return "DF005";
    }

    public Severity severity() {
        return Severity.HIGH;
    }

    public String title() {
        return "Download over plain http:// or ftp://";
    }

    public void check(AuditContext ctx) {
        List<Instruction> all = ctx.model().dockerfile().instructions();
        for (int i = 0; i < all.size(); i++) {
            Instruction in = all.get(i);
            if (in.command().equals("add")) {
                for (String a : in.args()) {
                    String url = ctx.model().expandAt(i, a);
                    if (insecure(url)) {
                        ctx.report(in, "ADD fetches " + url + " without TLS");
                    }
                }
            }
        }
        ctx.forEachRun((index, run, script) -> {
            for (SimpleCommand c : script.allCommands()) {
                String p = Commands.program(c);
                if (!FETCHERS.contains(p)) {
                    continue;
                }
                for (String a : Commands.argv(c)) {
                    String url = ctx.model().expandAt(index, a);
                    if (!insecure(url)) {
                        continue;
                    }
                    String verifiedBy = verifiedBy(ctx, index, url);
                    if (verifiedBy == null) {
                        ctx.report(run, p + " fetches " + url + " without TLS");
                    } else {
                        ctx.report(
                                run,
                                p + " fetches " + url + " without TLS; " + verifiedBy
                                        + " protects what arrives, but anyone on the path sees what the build fetches",
                                Severity.LOW);
                    }
                }
            }
        });
    }

    /** What makes the download of this URL at this RUN safe from tampering, or null when nothing does. */
    private static String verifiedBy(AuditContext ctx, int index, String url) {
        for (Stage stage : ctx.model().stages()) {
            if (stage.instructions().stream().noneMatch(si -> si.index() == index)) {
                continue;
            }
            List<Downloads.Check> checks = Downloads.checks(ctx, stage);
            for (Downloads.Download d : Downloads.in(ctx, stage)) {
                if (d.index() != index || !d.url().equals(url) || d.kind() != Downloads.Kind.ARTIFACT) {
                    continue;
                }
                if (d.pinned()) {
                    return d.pinnedBy();
                }
                for (Downloads.Check c : checks) {
                    if (Downloads.verifies(c, d) && !c.weak()) {
                        return "the " + c.describe() + " check";
                    }
                }
            }
        }
        return null;
    }

    static boolean insecure(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (!(u.startsWith("http://") || u.startsWith("ftp://"))) {
            return false;
        }
        String host = u.substring(u.indexOf("://") + 3).replaceFirst("[/:].*", "");
        return !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }
}
