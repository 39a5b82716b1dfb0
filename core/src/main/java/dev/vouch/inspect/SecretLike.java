package dev.vouch.inspect;

import java.util.regex.Pattern;

/**
 * Tells whether an environment variable probably holds a secret, by its name (PASSWORD, TOKEN, API_KEY …) or by
 * its value (the shapes of well-known credentials), so that reports can mask it. A heuristic for display only; the
 * secret scanner of a later issue is the real check.
 */
public final class SecretLike {
    private static final Pattern NAME = Pattern.compile(
            "(?i).*(passw(or)?d|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|_pwd$|^pwd$).*");
    private static final Pattern VALUE = Pattern.compile(
            "(AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|xox[abprs]-[A-Za-z0-9-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----"
                    + "|glpat-[A-Za-z0-9_-]{20,}|sk_live_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_-]{35}");

    private SecretLike() {}

    public static boolean envLooksSecret(String name, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return NAME.matcher(name).matches() || VALUE.matcher(value).find();
    }

    /**
     * {@code NAME=value} where NAME starts a word or follows a {@code \n} escape (a line written by printf/echo), and
     * an unquoted value ends at white space, a quote or a backslash (so that {@code A=1\nB_PASSWORD=x} is two).
     */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?:(?<=\\\\n)|(?<![A-Za-z0-9_]))([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|[^\\s\\\\'\"]+)");

    /**
     * Masks the secret-looking {@code NAME=value} assignments in a history command ({@code ENV API_TOKEN=…},
     * build args); the rest of the command is kept as it is.
     */
    public static String maskAssignments(String command) {
        if (command == null) {
            return null;
        }
        java.util.regex.Matcher m = ASSIGNMENT.matcher(command);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            String replacement = envLooksSecret(m.group(1), value) ? m.group(1) + "=" + mask(value) : m.group();
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The masked form: never any of the value's characters, only its length. */
    public static String mask(String value) {
        return "<masked, " + value.length() + " characters>";
    }
}
