package dev.vouch.engine;

import java.util.List;

/**
 * What an engine says of one of its images ({@code GET /images/{name}/json}).
 *
 * @param id the image id: the digest of its config
 * @param repoTags the names it carries in the engine
 * @param repoDigests {@code repository@digest} of each registry manifest it was pulled by or pushed as; empty for a
 *     local build never pushed
 * @param size the engine's count of its bytes (uncompressed), which bounds the export
 */
public record EngineImage(String id, List<String> repoTags, List<String> repoDigests, long size) {
    public EngineImage {
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
    }
}
