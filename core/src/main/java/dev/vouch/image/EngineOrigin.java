package dev.vouch.image;

import java.util.List;

/**
 * Where an image read from a local engine came from, for the report: the engine and its address, the image id, the
 * names and registry digests the engine records, and what the registry said of the tag when it was asked.
 *
 * @param engine {@code Docker} or {@code Podman}
 * @param endpoint the engine's address ({@code unix:///var/run/docker.sock})
 * @param imageId the image id (its config's digest), checked against the exported config
 * @param repoDigests {@code repository@sha256:…} of the registry manifests the engine knows; empty for a local build
 * @param registry what the registry's tag names compared with {@code repoDigests}, or null when not asked
 */
public record EngineOrigin(
        String engine,
        String endpoint,
        String imageId,
        List<String> repoTags,
        List<String> repoDigests,
        RegistryComparison registry) {
    public EngineOrigin {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
    }

    /**
     * The registry's answer for the tag the image was named by.
     *
     * @param reference the tag asked for
     * @param digest the digest the registry's tag names now, or null when the registry was not reached
     * @param matches whether that digest is one of the engine's registry digests
     * @param note why the registry could not answer, or null
     */
    public record RegistryComparison(String reference, String digest, boolean matches, String note) {}

    /**
     * The registry digest the engine recorded for this repository ({@code docker.io/library/nginx}): the manifest the
     * local copy was pulled as, or pushed as; null when it has none for it.
     */
    public Digest registryDigest(String repository) {
        for (String d : repoDigests) {
            int at = d.lastIndexOf('@');
            if (at > 0 && ImageRef.isReference(d) && ImageRef.parse(d).name().equals(repository)) {
                return Digest.parse(d.substring(at + 1));
            }
        }
        return null;
    }

    /** Whether the engine knows no registry digest: a local build, never pulled nor pushed. */
    public boolean localBuild() {
        return repoDigests.isEmpty();
    }
}
