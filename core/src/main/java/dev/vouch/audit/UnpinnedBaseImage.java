package dev.vouch.audit;

import dev.vouch.report.Severity;

/** DF001: a base image the result depends on is not pinned by digest, so what it is can change under the tag. */
final class UnpinnedBaseImage implements AuditRule {
    public String id() {
        return "DF001";
    }

    public Severity severity() {
        return Severity.HIGH;
    }

    public String title() {
        return "Base image not pinned by digest";
    }

    public void check(AuditContext ctx) {
        BuildModel m = ctx.model();
        for (Stage s : m.stages()) {
            if (s.baseStage() >= 0 || s.scratch()) {
                continue;
            }
            if (!m.shipped(s) && !m.copiedFrom().contains(s.index())) {
                continue;
            }
            if (!s.imageResolved()) {
                ctx.report(
                        s.from(),
                        "FROM " + s.image() + " (" + s.label() + ") names its base through a variable"
                                + " without a digest; the image built depends on what the tag points to at build time");
            } else if (!s.image().contains("@sha256:")) {
                ctx.report(
                        s.from(),
                        "FROM " + s.image() + " (" + s.label() + ") is not pinned by digest: pin it as " + s.image()
                                + "@sha256:…");
            }
        }
    }
}
