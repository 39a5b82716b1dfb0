package dev.vouch.lock;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One locked reference.
 *
 * @param reference the normalized reference as given ({@code docker.io/library/nginx:1.27})
 * @param digest what it named when locked (an index digest for multi-platform images)
 * @param platforms for an index: each platform's manifest digest ({@code linux/amd64})
 * @param lockedAt when, ISO-8601 UTC
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LockEntry(
        String reference, String digest, String mediaType, Map<String, String> platforms, String lockedAt) {
    public LockEntry {
        // sorted, so that the lock file reads the same every time
        platforms = java.util.Collections.unmodifiableSortedMap(
                new java.util.TreeMap<>(platforms == null ? Map.of() : platforms));
    }
}
