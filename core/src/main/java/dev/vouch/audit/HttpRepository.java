package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.Redirect;
import dev.vouch.shell.SimpleCommand;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DF010: a package repository is added over http://. The package manager still checks signatures (unless DF008),
 * but everyone on the path sees what is installed and can hold back updates.
 */
final class HttpRepository implements AuditRule {
    private static final Pattern DEB = Pattern.compile("(?s).*\\bdeb(-src)?\\s+(\\[[^]]*]\\s*)?http://.*");
    private static final Pattern BASEURL = Pattern.compile("(?s).*(baseurl|mirrorlist)\\s*=\\s*http://.*");

    public String id() {
        return "DF010";
    }

    public Severity severity() {
        return Severity.LOW;
    }

    public String title() {
        return "Package repository added over http://";
    }

    public void check(AuditContext ctx) {
        ctx.forEachRun((index, run, script) -> {
            for (SimpleCommand c : script.allCommands()) {
                String prog = Commands.program(c);
                StringBuilder text = new StringBuilder();
                for (String a : Commands.args(c)) {
                    text.append(' ').append(ctx.model().expandAt(index, a));
                }
                for (Redirect r : c.redirects()) {
                    if (r.heredoc() != null) {
                        text.append('\n').append(r.heredoc());
                    }
                }
                String t = text.toString();
                boolean writes =
                        prog.equals("echo") || prog.equals("printf") || prog.equals("tee") || prog.equals("cat");
                if (prog.equals("add-apt-repository")
                                && t.toLowerCase(Locale.ROOT).contains("http://")
                        || writes
                                && (DEB.matcher(t).matches()
                                        || BASEURL.matcher(t).matches())
                        || writes
                                && c.redirects().stream()
                                        .anyMatch(r -> r.target().value().contains("apk/repositories"))
                                && t.contains("http://")) {
                    ctx.report(run, "a package repository is added over http://");
                }
            }
        });
    }
}
