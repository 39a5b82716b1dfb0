package dev.vouch.secret;

import dev.vouch.report.Severity;
import java.util.regex.Pattern;

/**
 * What a secret looks like: by content (a pattern over each line of a text file) or by path (a file whose very
 * presence is a credential). Ids are stable (SEC001…); a pattern's {@code secret} group, when present, is the part
 * that is masked in reports.
 */
public enum SecretRule {
    PRIVATE_KEY(
            "SEC001",
            Severity.CRITICAL,
            "Private key",
            "-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"),
    AWS_ACCESS_KEY_ID("SEC002", Severity.CRITICAL, "AWS access key id", "\\b(?<secret>(?:AKIA|ASIA)[0-9A-Z]{16})\\b"),
    AWS_SECRET_KEY(
            "SEC003",
            Severity.CRITICAL,
            "AWS secret access key",
            "(?i)aws_secret_access_key\\s*[=:]\\s*[\"']?(?<secret>[A-Za-z0-9/+=]{30,})"),
    GITHUB_TOKEN(
            "SEC004",
            Severity.CRITICAL,
            "GitHub token",
            "\\b(?<secret>gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"),
    GITLAB_TOKEN("SEC005", Severity.CRITICAL, "GitLab token", "\\b(?<secret>glpat-[A-Za-z0-9_-]{20,})"),
    SLACK_TOKEN("SEC006", Severity.HIGH, "Slack token", "\\b(?<secret>xox[abprs]-[A-Za-z0-9-]{10,})"),
    GOOGLE_API_KEY("SEC007", Severity.HIGH, "Google API key", "\\b(?<secret>AIza[0-9A-Za-z_-]{35})"),
    STRIPE_KEY("SEC008", Severity.CRITICAL, "Stripe live secret key", "\\b(?<secret>sk_live_[0-9A-Za-z]{20,})"),
    NPM_TOKEN(
            "SEC009",
            Severity.HIGH,
            "npm token",
            "(?<secret>\\bnpm_[A-Za-z0-9]{36}\\b)|_authToken\\s*=\\s*(?<secret2>[^\\s$][^\\s]{8,})"),
    REGISTRY_AUTH(
            "SEC010",
            Severity.HIGH,
            "Container registry credentials",
            "\"auth\"\\s*:\\s*\"(?<secret>[A-Za-z0-9+/]{8,}={0,2})\""),
    PYPI_TOKEN("SEC011", Severity.HIGH, "PyPI token", "\\b(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})"),
    URL_CREDENTIALS(
            "SEC012",
            Severity.HIGH,
            "Credentials in a URL",
            "\\b[a-z][a-z0-9+.-]*://[^/\\s:@'\"]+:(?<secret>[^/\\s@'\"$]{3,})@[A-Za-z0-9.-]+"),
    PASSWORD_ASSIGNMENT(
            "SEC013",
            Severity.MEDIUM,
            "Password or secret assigned in a settings file",
            "(?i)^\\s*(?:export\\s+)?[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY)[A-Z0-9_]*\\s*[=:]\\s*"
                    + "[\"']?(?<secret>[^\\s\"'$]{4,})"),
    CREDENTIAL_FILE("SEC014", Severity.HIGH, "Credential file", null);

    private final String id;
    private final Severity severity;
    private final String title;
    private final Pattern pattern;

    SecretRule(String id, Severity severity, String title, String regex) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.pattern = regex == null ? null : Pattern.compile(regex);
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    Pattern pattern() {
        return pattern;
    }
}
