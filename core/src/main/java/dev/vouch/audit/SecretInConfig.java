package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import dev.vouch.secret.SecretLike;
import java.util.List;

/**
 * DF013: a secret-looking value (by its name, such as PASSWORD or API_TOKEN, or by the shape of well-known
 * credentials) is baked into ENV, an ARG default or a LABEL: it ships in the image config for anyone who pulls it.
 */
final class SecretInConfig implements AuditRule {
    public String id() {
        return "DF013";
    }

    public Severity severity() {
        return Severity.HIGH;
    }

    public String title() {
        return "Secret baked into ENV, ARG or LABEL";
    }

    public void check(AuditContext ctx) {
        for (Instruction in : ctx.model().dockerfile().instructions()) {
            List<String> a = in.args();
            switch (in.command()) {
                case "env", "label" -> {
                    for (int k = 0; k + 1 < a.size(); k += 3) {
                        check(ctx, in, a.get(k), a.get(k + 1));
                    }
                }
                case "arg" -> {
                    for (String w : a) {
                        int eq = w.indexOf('=');
                        if (eq > 0) {
                            check(ctx, in, w.substring(0, eq), w.substring(eq + 1));
                        }
                    }
                }
                default -> {}
            }
        }
    }

    private static void check(AuditContext ctx, Instruction in, String key, String rawValue) {
        String value = unquote(rawValue);
        if (value.isEmpty()
                || value.startsWith("$")
                || value.startsWith("/")
                || key.endsWith("_FILE")
                || value.matches("(?i)https?://[^@]*")
                || value.matches("(?i)(true|false|yes|no|0|1)")) {
            return;
        }
        if (SecretLike.envLooksSecret(key, value)) {
            ctx.report(
                    in,
                    in.command().toUpperCase(java.util.Locale.ROOT) + " " + key + " holds a secret-looking value ("
                            + SecretLike.mask(value)
                            + ") that ships in the image; pass it as a build secret (RUN --mount=type=secret)"
                            + " or at run time");
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
