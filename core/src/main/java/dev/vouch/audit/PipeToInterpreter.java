package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.Pipeline;
import dev.vouch.shell.Script;
import dev.vouch.shell.SimpleCommand;
import java.util.List;

/**
 * DF006: downloaded content runs as soon as it arrives ({@code curl … | sh}, {@code bash <(curl …)},
 * {@code sh -c "$(wget -O- …)"}): nothing can be checked, and a changed or truncated download runs as it is.
 */
final class PipeToInterpreter implements AuditRule {
    public String id() {
        return "DF006";
    }

    public Severity severity() {
        return Severity.CRITICAL;
    }

    public String title() {
        return "Downloaded content piped or passed to an interpreter";
    }

    public void check(AuditContext ctx) {
        ctx.forEachRun((index, run, script) -> check(ctx, run, script));
    }

    private void check(AuditContext ctx, dev.vouch.dockerfile.Instruction run, Script script) {
        for (Pipeline p : script.pipelines()) {
            List<SimpleCommand> cs = p.commands();
            for (int i = 0; i < cs.size(); i++) {
                if (!Commands.downloadsToStdout(cs.get(i))) {
                    continue;
                }
                for (int j = i + 1; j < cs.size(); j++) {
                    String prog = Commands.program(cs.get(j));
                    if (Commands.interpreter(prog)) {
                        ctx.report(
                                run,
                                Commands.program(cs.get(i)) + " output is piped into " + prog
                                        + ": the download runs unchecked; save it, verify its checksum, then run it");
                        break;
                    }
                }
            }
            for (SimpleCommand c : p.commands()) {
                String prog = Commands.program(c);
                if (!Commands.interpreter(prog)) {
                    continue;
                }
                for (Script sub : c.substitutions()) {
                    for (SimpleCommand inner : sub.allCommands()) {
                        if (Commands.downloadsToStdout(inner)) {
                            ctx.report(
                                    run,
                                    prog + " runs what " + Commands.program(inner)
                                            + " downloads (through a substitution): the download runs unchecked");
                        }
                    }
                }
            }
            for (SimpleCommand c : p.commands()) {
                for (Script sub : c.substitutions()) {
                    check(ctx, run, sub);
                }
            }
        }
    }
}
