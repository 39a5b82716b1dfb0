package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.Redirect;
import dev.vouch.shell.SimpleCommand;
import java.util.List;
import java.util.Locale;

/** DF012: a user gets root without a password (sudoers NOPASSWD), or is added to the sudo or wheel group. */
final class PasswordlessSudo implements AuditRule {
    public String id() {
        return "DF012";
    }

    public Severity severity() {
        return Severity.HIGH;
    }

    public String title() {
        return "Passwordless sudo or sudo group membership granted";
    }

    /** Whether the file the command writes is removed later in the same RUN (a temporary build user's grant). */
    private static boolean removedLater(SimpleCommand writer, List<SimpleCommand> later) {
        for (Redirect r : writer.redirects()) {
            if (r.op().startsWith(">")) {
                String target = r.target().value();
                for (SimpleCommand c : later) {
                    if (Commands.program(c).equals("rm") && Commands.args(c).contains(target)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    public void check(AuditContext ctx) {
        ctx.forEachRun((index, run, script) -> {
            List<SimpleCommand> all = script.allCommands();
            for (int n = 0; n < all.size(); n++) {
                SimpleCommand c = all.get(n);
                String p = Commands.program(c);
                List<String> argv = Commands.argv(c);
                String joined = String.join(" ", argv).toUpperCase(Locale.ROOT);
                StringBuilder text = new StringBuilder(joined);
                for (Redirect r : c.redirects()) {
                    if (r.heredoc() != null) {
                        text.append('\n').append(r.heredoc().toUpperCase(Locale.ROOT));
                    }
                }
                if (text.indexOf("NOPASSWD") >= 0) {
                    if (!removedLater(c, all.subList(n + 1, all.size()))) {
                        ctx.report(
                                run,
                                "NOPASSWD in sudoers lets a process in the container become root without a"
                                        + " password");
                    }
                    continue;
                }
                List<String> args = Commands.args(c);
                boolean groupArg = args.stream()
                        .anyMatch(a -> a.equals("sudo")
                                || a.equals("wheel")
                                || a.matches("(.*,)?(sudo|wheel)(,.*)?") && !a.startsWith("-"));
                if ((p.equals("usermod")
                                || p.equals("useradd")
                                || p.equals("adduser")
                                || p.equals("gpasswd")
                                || p.equals("addgroup"))
                        && groupArg) {
                    ctx.report(run, p + " puts a user in the sudo/wheel group: that user can become root");
                }
            }
        });
    }
}
