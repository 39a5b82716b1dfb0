package dev.vouch.vuln;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The vulnerabilities of an image's packages, and what could not be assessed: packages whose ecosystem or release
 * has no records in the database, or that vouch cannot match yet, are listed with the reason, never counted clean.
 *
 * @param suppressed matches removed by a VEX statement or the ignore file, with the reason
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanResult(
        List<Match> matches, List<NotAssessed> notAssessed, List<Suppressed> suppressed, int packagesAssessed) {
    public ScanResult {
        matches = List.copyOf(matches);
        notAssessed = List.copyOf(notAssessed);
        suppressed = List.copyOf(suppressed);
    }

    /** Packages grouped by why they were not assessed. */
    public record NotAssessed(String reason, int packages, List<String> examples) {}

    /** A match a VEX statement or the ignore file removed. */
    public record Suppressed(String id, String packageName, String reason) {}
}
