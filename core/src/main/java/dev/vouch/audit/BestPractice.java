package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.SimpleCommand;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * A best-practice rule whose whole check is one question about each RUN command (with its program and arguments):
 * the shape of most of hadolint's shell rules. The id, severity, title, hadolint equivalent and message are data.
 */
final class BestPractice extends MappedRule {
    private final String message;
    private final BiPredicate<String, List<String>> fires;

    BestPractice(
            String id,
            Severity severity,
            String title,
            String hadolint,
            String message,
            BiPredicate<String, List<String>> fires) {
        super(id, severity, title, hadolint);
        this.message = message;
        this.fires = fires;
    }

    public void check(AuditContext ctx) {
        ctx.forEachRun((index, run, script) -> {
            for (SimpleCommand c : script.allCommands()) {
                List<String> argv = c.words().stream().map(w -> w.value()).toList();
                if (argv.isEmpty()) {
                    continue;
                }
                if (fires.test(Commands.base(argv.get(0)), argv.subList(1, argv.size()))) {
                    ctx.report(run, message);
                    return;
                }
            }
        });
    }

    /** Whether an apt-get command installs. */
    static boolean aptGetInstall(String program, List<String> args) {
        return program.equals("apt-get") && args.contains("install");
    }

    /** Whether {@code -y}/{@code --yes}/{@code --assume-yes} or a quiet level of 2 answers apt-get's prompts. */
    static boolean aptAssumesYes(List<String> args) {
        int quiet = 0;
        for (String a : args) {
            if (a.equals("--yes") || a.equals("--assume-yes") || a.equals("-q=2") || a.equals("--quiet=2")) {
                return true;
            }
            if (a.equals("--quiet")) {
                quiet++;
            } else if (a.startsWith("-") && !a.startsWith("--")) {
                if (a.indexOf('y') > 0) {
                    return true;
                }
                quiet += (int) a.chars().filter(ch -> ch == 'q').count();
            }
        }
        return quiet >= 2;
    }
}
