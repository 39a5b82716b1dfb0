package dev.vouch.vuln;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One advisory that applies to one installed package.
 *
 * @param packageName the installed (binary) package
 * @param matchedOn the name the advisory is keyed by (the source package for Debian and Alpine)
 * @param ecosystem the advisory's ecosystem with release ({@code Debian:12})
 * @param score the base score of the advisory's newest CVSS vector, null when it has none
 * @param scoredBy what gave the severity: {@code CVSS_V4}, {@code CVSS_V3}, {@code CVSS_V2}, {@code
 *     database_specific} or {@code Ubuntu}; null when nothing did
 * @param fixedVersion the first version that fixes it for this package, or null when there is none yet
 * @param urgency Debian's urgency note ({@code unimportant}, {@code low}…) when the advisory has one
 * @param layer the layer that introduced the package
 * @param entries when several affected entries of the advisory apply to this version, what each says ("fixed in
 *     3.7.14", "no fix yet"); empty otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Match(
        String packageName,
        String version,
        String purl,
        String matchedOn,
        String ecosystem,
        String id,
        List<String> aliases,
        VulnSeverity severity,
        Double score,
        String scoredBy,
        String fixedVersion,
        String urgency,
        String summary,
        int layer,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> entries) {
    public Match {
        aliases = List.copyOf(aliases);
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public boolean fixAvailable() {
        return fixedVersion != null;
    }
}
