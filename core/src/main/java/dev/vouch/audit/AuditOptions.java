package dev.vouch.audit;

import java.util.Map;
import java.util.Set;

/**
 * How to audit: build arguments ({@code --build-arg}), rule ids to skip everywhere, and Docker Hub repositories
 * the user trusts although they look like official images (DF003's allowlist).
 */
public record AuditOptions(Map<String, String> buildArgs, Set<String> ignored, Set<String> allowedImages) {
    public AuditOptions {
        buildArgs = Map.copyOf(buildArgs);
        ignored = Set.copyOf(ignored);
        allowedImages = Set.copyOf(allowedImages);
    }

    public static AuditOptions defaults() {
        return new AuditOptions(Map.of(), Set.of(), Set.of());
    }
}
