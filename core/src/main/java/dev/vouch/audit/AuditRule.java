package dev.vouch.audit;

import dev.vouch.report.Severity;
import java.util.List;

/**
 * One Dockerfile rule: a stable id, a severity, a one-line title, the hadolint rules it corresponds to (for
 * users coming from hadolint), and a check over the build model. Each rule has a page {@code docs/rules/ID.md}.
 */
public interface AuditRule {
    String id();

    Severity severity();

    String title();

    /** The equivalent hadolint rule ids, or none. */
    default List<String> hadolint() {
        return List.of();
    }

    /** Reports what the rule finds; each hit names the instruction it is about. */
    void check(AuditContext context);
}
