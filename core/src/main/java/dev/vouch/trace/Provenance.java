package dev.vouch.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.image.Image;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an image says about its origin, from its manifest annotations and config labels: the <a
 * href="https://github.com/opencontainers/image-spec/blob/v1.1.0/annotations.md">OCI pre-defined annotation keys</a>
 * ({@code org.opencontainers.image.*}), then the older label-schema.org labels ({@code org.label-schema.*}).
 *
 * @param fields each known field (source, revision, created, version, vendor, authors, url, base.name,
 *     base.digest) with its value and the key it was read from
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Provenance(Map<String, Field> fields) {
    /** One value and where it was read: {@code annotation org.opencontainers.image.source} or {@code label …}. */
    public record Field(String value, String from) {}

    private static final Map<String, List<String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("source", List.of("org.opencontainers.image.source", "org.label-schema.vcs-url"));
        KEYS.put("revision", List.of("org.opencontainers.image.revision", "org.label-schema.vcs-ref"));
        KEYS.put("created", List.of("org.opencontainers.image.created", "org.label-schema.build-date"));
        KEYS.put("version", List.of("org.opencontainers.image.version", "org.label-schema.version"));
        KEYS.put("vendor", List.of("org.opencontainers.image.vendor", "org.label-schema.vendor"));
        KEYS.put("authors", List.of("org.opencontainers.image.authors"));
        KEYS.put("url", List.of("org.opencontainers.image.url", "org.label-schema.url"));
        KEYS.put("base.name", List.of("org.opencontainers.image.base.name"));
        KEYS.put("base.digest", List.of("org.opencontainers.image.base.digest"));
    }

    public Provenance {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // in the order KEYS lists them
    }

    /** Reads the annotations of the manifest (and of its index entry), then the labels of the config. */
    public static Provenance of(Image image) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (image.manifestDescriptor() != null) {
            annotations.putAll(image.manifestDescriptor().annotations());
        }
        annotations.putAll(image.manifest().annotations());
        Map<String, String> labels = image.config().config().labels();
        Map<String, Field> out = new LinkedHashMap<>();
        KEYS.forEach((field, keys) -> {
            for (String key : keys) {
                String a = annotations.get(key);
                if (a != null && !a.isBlank()) {
                    out.put(field, new Field(a, "annotation " + key));
                    return;
                }
                String l = labels.get(key);
                if (l != null && !l.isBlank()) {
                    out.put(field, new Field(l, "label " + key));
                    return;
                }
            }
        });
        return new Provenance(out);
    }

    /** A field's value, or null. */
    public String get(String field) {
        Field f = fields.get(field);
        return f == null ? null : f.value();
    }
}
