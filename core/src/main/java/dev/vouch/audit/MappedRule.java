package dev.vouch.audit;

import dev.vouch.report.Severity;
import java.util.List;

/** A rule whose id, severity, title and hadolint equivalent are data given at construction. */
abstract class MappedRule implements AuditRule {
    private final String id;
    private final Severity severity;
    private final String title;
    private final List<String> hadolint;

    MappedRule(String id, Severity severity, String title, String... hadolint) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.hadolint = List.of(hadolint);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public List<String> hadolint() {
        return hadolint;
    }
}
