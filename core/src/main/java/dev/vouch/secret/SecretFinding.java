package dev.vouch.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.report.Severity;

/**
 * A secret found in an image: which rule, where (a file with its line, or the config's env, labels or history),
 * the layer that holds it, and whether a later layer deleted or replaced it (it still ships in that layer's
 * bytes). The secret itself is never kept: {@code preview} is at most its first four characters and its length.
 *
 * @param source {@code file}, {@code env}, {@code label} or {@code history}
 * @param path the file (no leading slash), the variable or label name, or the history entry's index
 * @param layer the layer that holds it, or -1 for the config
 * @param remnant true when the final image no longer shows the file as that layer wrote it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretFinding(
        String id,
        Severity severity,
        String title,
        String source,
        String path,
        Integer line,
        int layer,
        boolean remnant,
        String preview) {

    /** The masked form of a secret: its first four characters (fewer for short ones) and its length. */
    public static String preview(String secret) {
        int show = secret.length() >= 16 ? 4 : secret.length() >= 8 ? 2 : 0;
        return secret.substring(0, show) + "…(" + secret.length() + " characters)";
    }
}
