package dev.vouch.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code dockerfile} section of a vouch config file ({@code .vouch.yaml} in the working directory, or
 * {@code --config FILE}): rule ids to ignore, Docker Hub repositories to trust although they look official, and the
 * failure threshold. Unknown keys are errors, so a misspelt setting is never silently ignored.
 *
 * <pre>
 * dockerfile:
 *   ignore: [DF018, DF101]
 *   allow-images: [mycorp/nginx]
 *   fail-on: medium
 * </pre>
 */
record AuditConfig(Section dockerfile) {
    static final String DEFAULT_NAME = ".vouch.yaml";

    record Section(
            List<String> ignore,
            @JsonProperty("allow-images") List<String> allowImages,
            @JsonProperty("fail-on") String failOn) {
        Section {
            ignore = ignore == null ? List.of() : List.copyOf(ignore);
            allowImages = allowImages == null ? List.of() : List.copyOf(allowImages);
        }
    }

    static final AuditConfig EMPTY = new AuditConfig(new Section(null, null, null));

    /** Reads the file given, or {@code .vouch.yaml} when it exists; {@link #EMPTY} otherwise. */
    static AuditConfig load(Path explicit) throws IOException {
        Path file = explicit != null ? explicit : Path.of(DEFAULT_NAME);
        if (explicit == null && !Files.isRegularFile(file)) {
            return EMPTY;
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--config " + file + ": no such file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = BoundedReads.readAll(in, 1 << 20, file.toString());
        }
        ObjectMapper yaml =
                new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            AuditConfig c = yaml.readValue(bytes, AuditConfig.class);
            if (c == null || c.dockerfile() == null) {
                return EMPTY;
            }
            return c;
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new InvalidInputException(
                    file + ": unknown setting '" + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")");
        } catch (IOException e) {
            String first = e.getMessage() == null
                    ? ""
                    : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(file + ": not a valid config: " + first);
        }
    }
}
