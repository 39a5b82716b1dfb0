package dev.vouch.io;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vouch.error.InvalidInputException;
import java.io.IOException;

/**
 * The one TOML reader for untrusted documents (<a href="https://toml.io/en/v1.0.0">TOML 1.0</a>, as Jackson's TOML
 * module reads it): nesting and string sizes bounded, and a failure is one line naming the document.
 */
public final class Toml {
    private static final ObjectMapper READER = new TomlMapper(TomlFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .build())
            .build());

    private Toml() {}

    /** Parses an untrusted document into a tree; {@code what} names it. */
    public static JsonNode tree(byte[] bytes, String what) {
        try {
            JsonNode root = READER.readTree(bytes);
            return root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root;
        } catch (IOException | RuntimeException e) {
            String first = ParseFailures.firstLine(e);
            throw new InvalidInputException(what + ": not TOML (" + first + ")", e);
        }
    }
}
