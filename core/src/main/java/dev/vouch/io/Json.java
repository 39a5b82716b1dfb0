package dev.vouch.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vouch.error.InvalidInputException;
import dev.vouch.error.VouchException;
import java.io.IOException;

/**
 * The one JSON reader for untrusted documents: strict (duplicate keys, trailing tokens and non-standard syntax
 * are errors, since two parsers reading a duplicate key differently is an attack), bounded in depth and token
 * sizes, and turning every failure into a one-line message with the JSON path of the bad field.
 */
public final class Json {
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final ObjectMapper WRITER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static final ObjectMapper COMPACT = JsonMapper.builder().build();

    private static final ObjectMapper STORED = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        READER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(1 << 20)
                        .maxNumberLength(64)
                        .maxNameLength(4096)
                        .maxDocumentLength(16L << 20)
                        .build());
    }

    private Json() {}

    /** Parses an untrusted document into {@code type}; {@code what} names it in errors. */
    public static <T> T read(byte[] bytes, Class<T> type, String what) {
        return bind(() -> READER.readValue(bytes, type), what);
    }

    /** Binds an already parsed (and so already bounded) tree to {@code type}. */
    public static <T> T convert(JsonNode tree, Class<T> type, String what) {
        return bind(() -> READER.treeToValue(tree, type), what);
    }

    private interface Binding<T> {
        T bind() throws IOException;
    }

    private static <T> T bind(Binding<T> binding, String what) {
        T value;
        try {
            value = binding.bind();
        } catch (JsonMappingException e) {
            throw new InvalidInputException(what + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(what + ": invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(what + ": " + e.getMessage(), e);
        }
        if (value == null) {
            throw new InvalidInputException(what + ": the document is JSON null");
        }
        return value;
    }

    /** Parses an untrusted document into a tree. */
    public static JsonNode tree(byte[] bytes, String what) {
        return read(bytes, JsonNode.class, what);
    }

    /**
     * A streaming parser over an untrusted document, as strict and bounded as {@link #tree}: for a reader that needs
     * where a value lies in the bytes (a signature over a value as it was served).
     */
    public static JsonParser parser(byte[] bytes) throws IOException {
        return READER.getFactory().createParser(bytes);
    }

    /** The writer for vouch's own reports: indented, stable field order as declared. */
    public static ObjectMapper writer() {
        return WRITER;
    }

    /**
     * The same without indentation, for JSON that programs read back (the server's stored reports, trees for policy
     * evaluation): a report of thousands of vulnerabilities is written in a fraction of the time and space.
     */
    public static ObjectMapper compact() {
        return COMPACT;
    }

    /**
     * For values vouch stores and reads back itself (per-layer results): compact, and a property written from a
     * derived accessor ({@code isSetuid()}) is ignored when read.
     */
    public static ObjectMapper stored() {
        return STORED;
    }

    private static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String why = cause instanceof VouchException ? cause.getMessage() : e.getOriginalMessage();
        if (why != null && why.length() > 200) {
            why = why.substring(0, 200) + "…";
        }
        return (path.length() == 0 ? "" : "field " + path + ": ") + why;
    }
}
