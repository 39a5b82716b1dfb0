package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import java.util.List;

/** DF011: the final stage runs as root: no USER, or {@code USER root}/{@code USER 0} last. */
final class RunsAsRoot implements AuditRule {
    public String id() {
        return "DF011";
    }

    public Severity severity() {
        return Severity.MEDIUM;
    }

    public String title() {
        return "Final stage runs as root";
    }

    public List<String> hadolint() {
        return List.of("DL3002");
    }

    public void check(AuditContext ctx) {
        BuildModel m = ctx.model();
        Stage last = m.finalStage();
        if (last == null) {
            return;
        }
        for (Stage s = last; s != null; s = s.baseStage() >= 0 ? m.stages().get(s.baseStage()) : null) {
            for (int i = s.instructions().size() - 1; i >= 0; i--) {
                Stage.Indexed in = s.instructions().get(i);
                Instruction user = in.instruction();
                if (!user.command().equals("user") || user.args().isEmpty()) {
                    continue;
                }
                String name = m.expandAt(in.index(), user.args().get(0)).strip();
                String who = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
                if (who.equals("root") || who.equals("0")) {
                    ctx.report(
                            user, "USER " + name + " is the last USER of the final stage: the container runs as root");
                }
                return;
            }
        }
        ctx.report(
                last.from(),
                "the final stage (" + last.label() + ") sets no USER: the container runs as root"
                        + " unless its base image chose another user");
    }
}
