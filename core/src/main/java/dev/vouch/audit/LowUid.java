package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;

/**
 * DF018: the final non-root USER has a uid at or below 60000, or is a name without an explicit uid: such uids can
 * clash with users of the host, which matters when a container escapes or shares a mounted volume.
 */
final class LowUid implements AuditRule {
    public String id() {
        return "DF018";
    }

    public Severity severity() {
        return Severity.INFO;
    }

    public String title() {
        return "Non-root user with a low or implicit uid";
    }

    public void check(AuditContext ctx) {
        BuildModel m = ctx.model();
        Stage last = m.finalStage();
        for (Stage s = last; s != null; s = s.baseStage() >= 0 ? m.stages().get(s.baseStage()) : null) {
            for (int i = s.instructions().size() - 1; i >= 0; i--) {
                Stage.Indexed in = s.instructions().get(i);
                Instruction user = in.instruction();
                if (!user.command().equals("user") || user.args().isEmpty()) {
                    continue;
                }
                String name = m.expandAt(in.index(), user.args().get(0)).strip();
                String who = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
                if (who.equals("root") || who.equals("0") || who.startsWith("$")) {
                    return;
                }
                if (!who.matches("\\d{1,10}")) {
                    ctx.report(
                            user, "USER " + name + " names a user without an explicit uid; prefer a uid above 60000");
                } else if (Long.parseLong(who) <= 60000) {
                    ctx.report(
                            user,
                            "USER " + name + " has uid " + who + ", at or below 60000; a higher uid avoids"
                                    + " clashing with host users");
                }
                return;
            }
        }
    }
}
