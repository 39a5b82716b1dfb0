package dev.vouch.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vouch.error.InvalidInputException;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one YAML reader for untrusted documents (<a href="https://yaml.org/spec/1.2.2/">YAML 1.2</a> as SnakeYAML reads
 * it): duplicate keys are errors, aliases are few (no "billion laughs"), nesting and size are bounded, and a failure
 * is one line naming the document.
 */
public final class Yaml {
    private static final ObjectMapper READER;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(64);
        options.setCodePointLimit(32 << 20);
        options.setAllowDuplicateKeys(false);
        READER = new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private Yaml() {}

    /** Parses an untrusted document into a tree (an empty document is a missing node); {@code what} names it. */
    public static JsonNode tree(byte[] bytes, String what) {
        try {
            JsonNode root = READER.readTree(bytes);
            return root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root;
        } catch (IOException | RuntimeException e) {
            String first = ParseFailures.firstLine(e);
            throw new InvalidInputException(what + ": not YAML (" + first + ")", e);
        }
    }

    /** Every document of a multi-document stream ({@code ---}), empty ones left out; at most {@code max}. */
    public static java.util.List<JsonNode> documents(byte[] bytes, String what, int max) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        try (com.fasterxml.jackson.databind.MappingIterator<JsonNode> it =
                READER.readerFor(JsonNode.class).readValues(bytes)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && !n.isMissingNode() && !n.isNull()) {
                    if (out.size() >= max) {
                        throw new InvalidInputException(what + ": more than " + max + " documents");
                    }
                    out.add(n);
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            String first = ParseFailures.firstLine(e);
            throw new InvalidInputException(what + ": not YAML (" + first + ")", e);
        }
    }
}
