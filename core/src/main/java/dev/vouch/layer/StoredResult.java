package dev.vouch.layer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * One analyzer's results from one layer, kept as JSON and as the value the analyzer restores from. Read from a
 * record it is JSON until an analyzer first asks for its value, which is then kept in place of the JSON: a store that
 * keeps stored layers in memory gives the same value to every later walk, read once. A value is never changed after
 * it was exported, so walks running at once may share it.
 */
public final class StoredResult {
    private JsonNode json;
    private Object value;
    private long weight = -1;

    private StoredResult(JsonNode json, Object value) {
        this.json = json;
        this.value = value;
    }

    /** Results as a record holds them. */
    @JsonCreator
    public static StoredResult ofJson(JsonNode json) {
        if (json == null) {
            throw new IllegalArgumentException("no results");
        }
        return new StoredResult(json, null);
    }

    /** Results an analyzer just exported. */
    public static StoredResult of(Object value) {
        return new StoredResult(null, value);
    }

    /** The JSON form, as records keep it. */
    @JsonValue
    public synchronized JsonNode json() {
        return json != null ? json : Json.stored().valueToTree(value);
    }

    /** The value an analyzer restores from, read from the JSON the first time it is asked for. */
    public synchronized <T> T as(Class<T> type) throws IOException {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        T read = Json.stored().treeToValue(json(), type);
        weight();
        value = read;
        json = null;
        return read;
    }

    /**
     * About how many bytes the results hold: the length of their JSON's text and numbers and a few bytes per node.
     * What a store keeping layers in memory counts against its budget.
     */
    public synchronized long weight() {
        if (weight < 0) {
            weight = weigh(json());
        }
        return weight;
    }

    private static long weigh(JsonNode root) {
        long total = 0;
        ArrayDeque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            total += 16;
            if (n.isTextual()) {
                total += n.textValue().length();
            } else if (n.isBinary()) {
                try {
                    total += n.binaryValue().length;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (n.isObject()) {
                for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
                    total += names.next().length() + 16;
                }
            }
            n.elements().forEachRemaining(todo::push);
        }
        return total;
    }

    /**
     * Equal when their JSON texts are: a fresh export holds bytes where a record read back holds their base64 text, and
     * the two say the same.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof StoredResult other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return json().toString();
    }
}
