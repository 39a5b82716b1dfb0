package dev.vouch.secret;

import java.util.regex.Matcher;
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
        Matcher m = ASSIGNMENT.matcher(command);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            String replacement = envLooksSecret(m.group(1), value) ? m.group(1) + "=" + mask(value) : m.group();
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Key/value pairs shown to a user (labels, annotations) with every secret-looking value masked, by its key or its
     * value, and every secret inside a value masked as {@link #maskText} does; sorted by key.
     */
    public static java.util.SortedMap<String, String> maskValues(java.util.Map<String, String> pairs) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        if (pairs != null) {
            pairs.forEach((k, v) -> out.put(k, envLooksSecret(k, v) ? mask(v) : maskText(v)));
        }
        return out;
    }

    /** A private key block, to its END line or, cut short, to the end of the text. */
    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|\\z)",
            Pattern.DOTALL);

    /**
     * The one masking of image text shown to a user (history commands, RUN lines, labels, review items): every
     * secret the content rules SEC001-SEC013 recognise is replaced by its masked form (the rule's secret part, or a
     * whole private key block), and secret-looking {@code NAME=value} assignments are masked as {@link
     * #maskAssignments} does. What is not a secret is kept as it is.
     */
    public static String maskText(String text) {
        if (text == null) {
            return null;
        }
        String out = maskAssignments(text);
        Matcher key = KEY_BLOCK.matcher(out);
        StringBuilder b = new StringBuilder();
        while (key.find()) {
            key.appendReplacement(b, Matcher.quoteReplacement(mask(key.group())));
        }
        key.appendTail(b);
        out = b.toString();
        for (SecretRule rule : SecretRule.values()) {
            if (rule.pattern() == null || rule == SecretRule.PRIVATE_KEY) {
                continue;
            }
            out = maskMatches(out, rule.pattern());
        }
        return out;
    }

    /** Each match's secret group (or groups), else the whole match, masked. */
    private static String maskMatches(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find()) {
            int from = m.start();
            int to = m.end();
            for (String group : new String[] {"secret", "secret2"}) {
                try {
                    if (m.group(group) != null) {
                        from = m.start(group);
                        to = m.end(group);
                        break;
                    }
                } catch (IllegalArgumentException noSuchGroup) {
                    // the rule names no secret part: the whole match is the secret
                }
            }
            if (text.startsWith("<masked, ", from)) {
                continue; // masked already
            }
            b.append(text, last, from).append(mask(text.substring(from, to)));
            last = to;
        }
        b.append(text, last, text.length());
        return b.toString();
    }

    /** The masked form: never any of the value's characters, only its length. */
    public static String mask(String value) {
        return "<masked, " + value.length() + " characters>";
    }
}
