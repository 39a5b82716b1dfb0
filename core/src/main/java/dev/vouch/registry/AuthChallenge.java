package dev.vouch.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code WWW-Authenticate} challenge (<a href="https://datatracker.ietf.org/doc/html/rfc9110#section-11.6.1">RFC
 * 9110</a>) as registries send it: {@code Bearer realm="https://auth.example/token",service="reg",scope="…"} for
 * the <a href="https://distribution.github.io/distribution/spec/auth/token/">token flow</a>, or
 * {@code Basic realm="…"}.
 *
 * @param scheme lower-cased: {@code bearer} or {@code basic}
 * @param params the auth-params, names lower-cased
 */
public record AuthChallenge(String scheme, Map<String, String> params) {
    private static final int MAX_HEADER = 8192;

    public AuthChallenge {
        params = Map.copyOf(params);
    }

    /** Parses the first challenge of a header value; null when there is none to parse. */
    public static AuthChallenge parse(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_HEADER) {
            return null;
        }
        String s = header.strip();
        int sp = 0;
        while (sp < s.length() && !Character.isWhitespace(s.charAt(sp)) && s.charAt(sp) != ',') {
            sp++;
        }
        String scheme = s.substring(0, sp).toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = sp;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            if (name.contains(" ")) {
                break; // the start of a second challenge: only the first is read
            }
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            params.putIfAbsent(name, value.toString().strip());
        }
        return new AuthChallenge(scheme, params);
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    public String param(String name) {
        return params.get(name);
    }
}
