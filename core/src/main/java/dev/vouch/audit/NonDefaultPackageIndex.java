package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.SimpleCommand;
import dev.vouch.shell.Word;
import java.util.List;

/**
 * DF020: a package manager installs from an index or registry other than its default: {@code pip --index-url}
 * or {@code --extra-index-url}, {@code npm --registry}, npm/yarn {@code config set registry}, {@code gem sources
 * --add}, {@code GOPROXY}. Listed for review: where packages come from is a trust decision (and an extra index
 * invites dependency confusion).
 */
final class NonDefaultPackageIndex implements AuditRule {
    public String id() {
        return "DF020";
    }

    public Severity severity() {
        return Severity.INFO;
    }

    public String title() {
        return "Packages from a non-default index or registry";
    }

    public void check(AuditContext ctx) {
        ctx.forEachRun((index, run, script) -> {
            for (SimpleCommand c : script.allCommands()) {
                String prog = Commands.program(c);
                List<String> args = Commands.args(c);
                for (Word w : c.assignments()) {
                    if (w.value().startsWith("GOPROXY=")
                            || w.value().startsWith("PIP_INDEX_URL=")
                            || w.value().startsWith("PIP_EXTRA_INDEX_URL=")) {
                        ctx.report(
                                run,
                                w.value().substring(0, w.value().indexOf('=')) + " points at another index: "
                                        + w.value().substring(w.value().indexOf('=') + 1));
                    }
                }
                for (int k = 0; k < args.size(); k++) {
                    String a = args.get(k);
                    String next = k + 1 < args.size() ? ctx.model().expandAt(index, args.get(k + 1)) : "";
                    if (prog.matches("pip[0-9.]*|python[0-9.]*|uv|poetry")
                            && (a.equals("--index-url") || a.equals("-i") || a.equals("--extra-index-url"))) {
                        ctx.report(run, prog + " " + a + " " + next + ": packages come from another index");
                    } else if (prog.matches("pip[0-9.]*")
                            && (a.startsWith("--index-url=") || a.startsWith("--extra-index-url="))) {
                        ctx.report(run, prog + " " + a + ": packages come from another index");
                    } else if ((prog.equals("npm") || prog.equals("yarn") || prog.equals("pnpm"))
                            && (a.equals("--registry")
                                    || a.startsWith("--registry=")
                                    || a.equals("registry")
                                            && k > 0
                                            && args.get(k - 1).equals("set"))) {
                        ctx.report(
                                run,
                                prog + " uses another registry"
                                        + (a.contains("=") ? ": " + a : next.isEmpty() ? "" : ": " + next));
                    } else if (prog.equals("gem") && a.equals("--add") && args.contains("sources")) {
                        ctx.report(run, "gem sources --add " + next + ": gems come from another source");
                    }
                }
            }
        });
    }
}
