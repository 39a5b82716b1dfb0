package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import dev.vouch.secret.SecretLike;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DF014: proxy settings are baked into ENV: they ship in the image (a build-time proxy becomes the runtime proxy of
 * every container), and credentials in a proxy URL ship with them. Build proxies belong in build args, which
 * Docker passes without recording.
 */
final class ProxyInEnv implements AuditRule {
    private static final Set<String> PROXIES =
            Set.of("http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy");

    public String id() {
        return "DF014";
    }

    public Severity severity() {
        return Severity.MEDIUM;
    }

    public String title() {
        return "Proxy settings baked into ENV";
    }

    public void check(AuditContext ctx) {
        for (Instruction in : ctx.model().dockerfile().instructions()) {
            if (!in.command().equals("env")) {
                continue;
            }
            List<String> a = in.args();
            for (int k = 0; k + 1 < a.size(); k += 3) {
                String key = a.get(k);
                if (!PROXIES.contains(key.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String value = a.get(k + 1);
                if (value.matches("(?i).*://[^/@\\s]+:[^/@\\s]+@.*")) {
                    ctx.report(
                            in,
                            "ENV " + key + " holds a proxy URL with credentials (" + SecretLike.mask(value)
                                    + "); it ships in the image");
                } else {
                    ctx.report(in, "ENV " + key + " bakes a proxy into every container of the image; use a build arg");
                }
            }
        }
    }
}
