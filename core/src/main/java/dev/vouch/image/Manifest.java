package dev.vouch.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.error.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * An image manifest: the <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md">OCI image
 * manifest</a> or <a href="https://distribution.github.io/distribution/spec/manifest-v2-2/">Docker v2 schema 2</a>,
 * which share this shape.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Manifest(
        int schemaVersion,
        String mediaType,
        String artifactType,
        Descriptor config,
        List<Descriptor> layers,
        Descriptor subject,
        Map<String, String> annotations) {

    public Manifest {
        if (config == null) {
            throw new InvalidInputException("field config is missing");
        }
        if (layers == null) {
            throw new InvalidInputException("field layers is missing");
        }
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = layers.get(i);
            if (layer == null) {
                throw new InvalidInputException("layers[" + i + "] is null, not a descriptor");
            }
            if (layer.mediaType() == null) {
                // required by the descriptor spec; a layer's type says how to read it
                throw new InvalidInputException("layers[" + i + "] (" + layer.digest() + ") has no mediaType");
            }
        }
        layers = List.copyOf(layers);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
