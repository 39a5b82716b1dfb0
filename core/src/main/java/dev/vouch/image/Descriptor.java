package dev.vouch.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.error.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * A content descriptor as in the <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md">
 * OCI descriptor spec</a>: what a blob is, its digest and its exact size. Every read of the blob is checked
 * against both.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Descriptor(
        String mediaType,
        Digest digest,
        long size,
        Map<String, String> annotations,
        Platform platform,
        List<String> urls,
        String artifactType) {

    public Descriptor {
        if (digest == null) {
            throw new InvalidInputException("descriptor without a digest");
        }
        if (size < 0) {
            throw new InvalidInputException("descriptor " + digest + " has a negative size " + size);
        }
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, null, null, null);
    }

    public String annotation(String key) {
        return annotations.get(key);
    }
}
