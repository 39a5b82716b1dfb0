package dev.vouch.vuln;

import java.util.List;

/**
 * One OSV record as vouch keeps it (<a href="https://ossf.github.io/osv-schema/">OSV schema</a>): its id, when it
 * was last modified or withdrawn, aliases, a severity derived from its data, and what it affects.
 *
 * @param severityFrom what the severity was taken from: {@code CVSS_V3}, {@code database_specific},
 *     {@code Ubuntu}, {@code urgency}… or null
 */
public record Advisory(
        String id,
        String modified,
        String withdrawn,
        String summary,
        List<String> aliases,
        VulnSeverity severity,
        Double score,
        String severityFrom,
        List<Affected> affected) {
    public Advisory {
        aliases = List.copyOf(aliases);
        affected = List.copyOf(affected);
    }

    /**
     * One affected package of a record.
     *
     * @param ecosystem the ecosystem without release ({@code Debian}, {@code Alpine}, {@code npm})
     * @param release the release part of the ecosystem ({@code 12}, {@code v3.19}), or "" when there is none
     * @param ranges the ECOSYSTEM and SEMVER ranges in {@link AffectedRanges}' compact form
     * @param versions the explicit {@code versions}, one per line, or null
     * @param urgency Debian's {@code ecosystem_specific.urgency}, or null
     */
    public record Affected(
            String ecosystem, String release, String name, String ranges, String versions, String urgency) {}
}
