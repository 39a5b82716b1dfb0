package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import dev.vouch.shell.SimpleCommand;

/** DF016: a setuid or setgid bit is set: the file runs with its owner's (often root's) rights. */
final class SetuidBits implements AuditRule {
    public String id() {
        return "DF016";
    }

    public Severity severity() {
        return Severity.MEDIUM;
    }

    public String title() {
        return "Setuid or setgid bit set";
    }

    public void check(AuditContext ctx) {
        for (Instruction in : ctx.model().dockerfile().instructions()) {
            for (FileModes.ModeSet m : FileModes.ofCopy(in)) {
                if (FileModes.setuidOrSetgid(m.mode())) {
                    ctx.report(
                            in,
                            in.command().toUpperCase(java.util.Locale.ROOT) + " --chmod=" + m.mode()
                                    + " sets a setuid/setgid bit on " + m.target());
                }
            }
        }
        ctx.forEachRun((index, run, script) -> {
            for (SimpleCommand c : script.allCommands()) {
                for (FileModes.ModeSet m : FileModes.ofCommand(c)) {
                    if (FileModes.setuidOrSetgid(m.mode())) {
                        ctx.report(run, "chmod " + m.mode() + " sets a setuid/setgid bit on " + m.target());
                    }
                }
            }
        });
    }
}
