package dev.vouch.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.image.Image;
import java.util.List;

/**
 * What the user asked for and what it resolved to: the text as given, the source it was read from and the names
 * the source records for the image (docker-archive RepoTags, OCI ref names), each normalized the way Docker does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferenceInfo(String given, String source, List<String> names, List<String> normalizedNames) {
    public static ReferenceInfo of(String given, Image image) {
        List<String> normalized =
                image.repoTags().stream().map(ReferenceInfo::normalize).toList();
        return new ReferenceInfo(given, image.source(), image.repoTags(), normalized);
    }

    private static String normalize(String name) {
        if (name.indexOf(':') < 0 && name.indexOf('/') < 0) {
            return name; // a bare OCI ref name such as "1" is a tag, not a reference
        }
        try {
            return dev.vouch.image.ImageRef.parse(name).normalized();
        } catch (RuntimeException e) {
            return name; // a bare OCI ref name such as "1" is a tag, not a reference
        }
    }
}
