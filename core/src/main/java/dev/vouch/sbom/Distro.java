package dev.vouch.sbom;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The operating system an image is built on, from {@code os-release} (<a
 * href="https://www.freedesktop.org/software/systemd/man/latest/os-release.html">os-release(5)</a>) or a
 * distribution's own release file.
 *
 * @param id the lower-case distribution id ({@code debian}, {@code alpine}, {@code ubuntu}, {@code rhel}…)
 * @param versionId the release ({@code 12}, {@code 3.19.1}), or null for rolling and testing releases
 * @param codename the release code name ({@code bookworm}), when given
 * @param prettyName the human name of the release
 * @param source the file it was read from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Distro(String id, String versionId, String codename, String prettyName, String source) {

    /** Parses os-release text: {@code KEY=value} lines, values optionally quoted with shell escapes. */
    public static Distro parseOsRelease(String text, String source) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n", 200)) {
            line = line.strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            kv.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
        }
        String id = kv.get("ID");
        if (id == null || id.isEmpty()) {
            return null;
        }
        return new Distro(
                id.toLowerCase(Locale.ROOT),
                blankToNull(kv.get("VERSION_ID")),
                blankToNull(kv.get("VERSION_CODENAME")),
                blankToNull(kv.get("PRETTY_NAME")),
                source);
    }

    /** The release in the form purls' {@code distro} qualifier and OSV ecosystems use: {@code debian-12}. */
    public String purlQualifier() {
        return versionId == null ? id : id + "-" + versionId;
    }

    /** The major.minor of a release such as Alpine's 3.19.1 (OSV's {@code Alpine:v3.19}); the release otherwise. */
    public String majorMinor() {
        if (versionId == null) {
            return null;
        }
        String[] parts = versionId.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : versionId;
    }

    private static String unquote(String v) {
        v = v.strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            v = v.substring(1, v.length() - 1);
        }
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                c = v.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
