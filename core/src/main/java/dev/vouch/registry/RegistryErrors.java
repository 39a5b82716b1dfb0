package dev.vouch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vouch.error.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns a failed registry response into one line that says what went wrong, using the status and the <a
 * href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#error-codes">error codes</a> of
 * the body: a repository that does not exist is told apart from a tag that does not, a refusal from a missing
 * login, and rate limiting says when it ends. Registry-supplied text is cut short and stripped of control
 * characters.
 */
final class RegistryErrors {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private RegistryErrors() {}

    /** The registry's first error code and message, read from a bounded body; nulls when there is none. */
    record ErrorBody(String code, String message) {}

    static ErrorBody read(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
            JsonNode tree = new ObjectMapper().readTree(bytes);
            JsonNode first = tree == null ? null : tree.path("errors").path(0);
            if (first == null || first.isMissingNode()) {
                return new ErrorBody(null, null);
            }
            return new ErrorBody(
                    clean(first.path("code").asText(null)),
                    clean(first.path("message").asText(null)));
        } catch (IOException | RuntimeException e) {
            return new ErrorBody(null, null);
        }
    }

    /**
     * The error for a response that was not a success.
     *
     * @param what what was asked for, e.g. {@code manifest 1.27} or {@code blob sha256:…}
     * @param authNote what vouch knows about the credentials, for 401s
     */
    static RegistryException of(RegistryHost host, String repo, String what, Transport.Response r, String authNote) {
        ErrorBody e = read(r.body());
        String where = repo == null ? host.name() : host.name() + "/" + repo;
        String detail = e.code() == null ? "" : " (" + e.code() + (e.message() == null ? "" : ": " + e.message()) + ")";
        int status = r.status();
        return switch (status) {
            case 401 ->
                new RegistryException(where + ": authentication required to read " + what + detail + "; "
                        + authNote
                        + (host.name().equals("docker.io")
                                ? " (Docker Hub also answers this for repositories that do not exist)"
                                : ""));
            case 403 -> new RegistryException(where + ": access to " + what + " denied" + detail);
            case 404 -> notFound(where, what, e, detail);
            case 429 -> new RegistryException(where + ": rate limited (429)" + detail + resetTime(r));
            default ->
                new RegistryException(where + ": the registry answered " + status + " for " + what + detail
                        + (status >= 500 ? " after retries" : ""));
        };
    }

    private static RegistryException notFound(String where, String what, ErrorBody e, String detail) {
        String code = e.code() == null ? "" : e.code();
        return switch (code) {
            case "NAME_UNKNOWN" -> new RegistryException("repository " + where + " not found" + detail);
            case "MANIFEST_UNKNOWN" -> new RegistryException(what + " not found in " + where + detail);
            case "BLOB_UNKNOWN" -> new RegistryException(what + " not found in " + where + detail);
            default -> new RegistryException(what + " not found in " + where + " (404)" + detail);
        };
    }

    private static String resetTime(Transport.Response r) {
        Duration wait = Transport.retryAfter(r.header("Retry-After"));
        if (wait == null) {
            String reset = r.header("RateLimit-Reset");
            if (reset != null && reset.strip().matches("\\d{1,9}")) {
                wait = Duration.ofSeconds(Long.parseLong(reset.strip()));
            }
        }
        if (wait == null) {
            return "; the registry did not say when the limit resets";
        }
        Instant at = Instant.now().plus(wait).truncatedTo(ChronoUnit.SECONDS);
        return "; the limit resets in " + wait.toSeconds() + " s (at " + at + ")";
    }

    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replaceAll("\\p{Cntrl}", " ").strip();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
