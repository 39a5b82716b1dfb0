package dev.vouch.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.error.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * An <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md">OCI image index</a> or a
 * Docker manifest list: the per-platform manifests of a multi-architecture image.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageIndex(
        int schemaVersion, String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {

    public ImageIndex {
        if (manifests != null && manifests.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException("manifests lists null, not a descriptor");
        }
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
