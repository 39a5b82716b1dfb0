package dev.vouch.audit;

import dev.vouch.report.Severity;
import java.util.List;

/** DF002: a base image named without a tag, or as {@code latest}, changes whenever its publisher pushes. */
final class LatestBaseImage implements AuditRule {
    public String id() {
        return "DF002";
    }

    public Severity severity() {
        return Severity.MEDIUM;
    }

    public String title() {
        return "Base image uses latest or no tag";
    }

    public List<String> hadolint() {
        return List.of("DL3006", "DL3007");
    }

    public void check(AuditContext ctx) {
        for (Stage s : ctx.model().stages()) {
            if (s.baseStage() >= 0 || s.scratch() || !s.imageResolved()) {
                continue;
            }
            String image = s.image();
            boolean digest = image.contains("@");
            String name = digest ? image.substring(0, image.indexOf('@')) : image;
            int slash = name.lastIndexOf('/');
            int colon = name.lastIndexOf(':');
            String tag = colon > slash ? name.substring(colon + 1) : null;
            if (tag == null && !digest) {
                ctx.report(
                        s.from(),
                        "FROM " + image + " (" + s.label() + ") has no tag, so it means latest; name a version");
            } else if ("latest".equals(tag) && !digest) {
                ctx.report(s.from(), "FROM " + image + " (" + s.label() + ") uses the latest tag; name a version");
            }
        }
    }
}
