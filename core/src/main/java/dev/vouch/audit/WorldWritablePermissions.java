package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import dev.vouch.shell.SimpleCommand;

/** DF015: files or directories are made writable by every user (777, o+w), without a sticky bit. */
final class WorldWritablePermissions implements AuditRule {
    public String id() {
        return "DF015";
    }

    public Severity severity() {
        return Severity.MEDIUM;
    }

    public String title() {
        return "World-writable permissions set";
    }

    public void check(AuditContext ctx) {
        for (Instruction in : ctx.model().dockerfile().instructions()) {
            for (FileModes.ModeSet m : FileModes.ofCopy(in)) {
                if (FileModes.worldWritable(m.mode())) {
                    ctx.report(
                            in,
                            in.command().toUpperCase(java.util.Locale.ROOT) + " --chmod=" + m.mode() + " makes "
                                    + m.target() + " writable by every user");
                }
            }
        }
        ctx.forEachRun((index, run, script) -> {
            for (SimpleCommand c : script.allCommands()) {
                for (FileModes.ModeSet m : FileModes.ofCommand(c)) {
                    if (FileModes.worldWritable(m.mode())) {
                        ctx.report(run, "chmod " + m.mode() + " makes " + m.target() + " writable by every user");
                    }
                }
            }
        });
    }
}
