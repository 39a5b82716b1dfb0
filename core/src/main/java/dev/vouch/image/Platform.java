package dev.vouch.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vouch.error.InvalidInputException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An image's platform, as in the <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md">
 * OCI image index</a> {@code platform} object. Parsed from {@code os/arch[/variant]} on the command line.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Platform(
        @JsonProperty("os") String os,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("variant") String variant,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("os.features") List<String> osFeatures) {

    private static final Pattern PART = Pattern.compile("[a-z0-9._-]{1,64}");
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null, null, null);

    public Platform {
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
    }

    /** Parses {@code os/arch[/variant]}, e.g. {@code linux/arm64/v8}. */
    public static Platform parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidInputException(
                    "invalid platform '" + Digest.printable(text) + "': expected os/arch[/variant], e.g. linux/amd64");
        }
        for (String p : parts) {
            if (!PART.matcher(p).matches()) {
                throw new InvalidInputException("invalid platform '" + Digest.printable(text) + "'");
            }
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null, null, null);
    }

    /**
     * Whether an image of platform {@code candidate} satisfies this requested platform. A requested variant must
     * match exactly; when none is requested, any variant of the architecture does (arm64 images are v8).
     */
    public boolean accepts(Platform candidate) {
        if (candidate == null || !os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
            return false;
        }
        if (variant == null) {
            return true;
        }
        String v = candidate.variant;
        if (v == null && architecture.equals("arm64")) {
            v = "v8";
        }
        return variant.equals(v);
    }

    @Override
    public String toString() {
        return (os == null ? "?" : os) + "/" + (architecture == null ? "?" : architecture)
                + (variant == null || variant.isEmpty() ? "" : "/" + variant);
    }
}
