package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import dev.vouch.shell.SimpleCommand;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** DF005: something is downloaded over plain http:// or ftp://, where anyone on the path can change it. */
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
                    if (insecure(url)) {
                        ctx.report(run, p + " fetches " + url + " without TLS");
                    }
                }
            }
        });
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
