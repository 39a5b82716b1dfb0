package dev.vouch.tuf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.VouchException;
import dev.vouch.io.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One TUF metadata file, {@code {"signed": {…}, "signatures": [{"keyid", "method", "sig"}]}} (<a
 * href="https://theupdateframework.github.io/specification/latest/#file-formats-general-principles">TUF file
 * formats</a>). Signatures are checked over the bytes of {@code signed} exactly as they were served (Notary serves
 * them in canonical JSON, the form it signed), and what is read is parsed from those same bytes, so what is trusted
 * is what was signed.
 *
 * @param role the role's name, for messages
 * @param file the whole file as fetched (what parent roles hash)
 * @param signedBytes the bytes of the {@code signed} value
 * @param signed those bytes parsed
 * @param signatures the signatures listed
 */
public record SignedMetadata(
        String role, byte[] file, byte[] signedBytes, JsonNode signed, List<SignatureEntry> signatures) {

    /** One entry of {@code signatures}. */
    public record SignatureEntry(String keyId, String method, String sig) {}

    /** Parses {@code file}; a document not of that shape, or of another {@code _type}, is a failure. */
    public static SignedMetadata parse(byte[] file, String role, String expectedType) throws TufFailure {
        int start = -1;
        int end = -1;
        List<SignatureEntry> signatures = new ArrayList<>();
        try (JsonParser p = Json.parser(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new TufFailure(role + ".json is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("signed")) {
                    if (value != JsonToken.START_OBJECT) {
                        throw new TufFailure(role + ".json: signed is not an object");
                    }
                    start = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    end = (int) p.currentLocation().getByteOffset();
                } else if (name.equals("signatures")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new TufFailure(role + ".json: signatures is not a list");
                    }
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        if (signatures.size() >= 64) {
                            throw new TufFailure(role + ".json lists more than 64 signatures");
                        }
                        Map<String, String> entry = new java.util.HashMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            if (p.nextToken() == JsonToken.VALUE_STRING) {
                                entry.put(field, p.getText());
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (entry.get("keyid") == null || entry.get("method") == null || entry.get("sig") == null) {
                            throw new TufFailure(role + ".json: a signature without keyid, method or sig");
                        }
                        signatures.add(new SignatureEntry(entry.get("keyid"), entry.get("method"), entry.get("sig")));
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        throw new TufFailure(role + ".json: signatures holds something other than objects");
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new TufFailure(role + ".json has data after its object");
            }
        } catch (IOException | IllegalStateException e) {
            throw new TufFailure(role + ".json is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (start < 0 || end <= start) {
            throw new TufFailure(role + ".json has no signed object");
        }
        byte[] signedBytes = java.util.Arrays.copyOfRange(file, start, end);
        JsonNode signed;
        try {
            signed = Json.tree(signedBytes, role + ".json");
        } catch (VouchException e) {
            throw new TufFailure(e.getMessage());
        }
        String type = signed.path("_type").asText("");
        if (!type.equalsIgnoreCase(expectedType)) {
            throw new TufFailure(role + ".json is of type '" + type + "', not " + expectedType);
        }
        return new SignedMetadata(role, file, signedBytes, signed, List.copyOf(signatures));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Checks that at least {@code role.threshold()} distinct keys of {@code role} signed these bytes; signatures by
     * keys outside the role, or repeated, do not count.
     */
    public void verify(Role role, Map<String, TufKey> keys, Instant now) throws TufFailure {
        if (role.threshold() < 1) {
            throw new TufFailure(role.name() + " has a threshold below 1");
        }
        Set<String> valid = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (SignatureEntry s : signatures) {
            if (!role.keyIds().contains(s.keyId())) {
                continue;
            }
            TufKey key = keys.get(s.keyId());
            if (key == null) {
                problems.add("key " + s.keyId() + " is not listed");
            } else if (key.expiredAt(now)) {
                problems.add("the certificate of key " + shortId(s.keyId()) + " is not valid now");
            } else if (key.verifies(s.method(), signedBytes, s.sig())) {
                valid.add(s.keyId());
            } else {
                problems.add("the signature by key " + shortId(s.keyId()) + " does not verify");
            }
        }
        if (valid.size() < role.threshold()) {
            throw new TufFailure(this.role + ".json: " + valid.size() + " valid signature(s) of the "
                    + role.threshold() + " the " + role.name() + " role needs"
                    + (problems.isEmpty() ? " (no signature by its keys)" : " (" + String.join("; ", problems) + ")"));
        }
    }

    /** The {@code version}, a positive integer. */
    public long version() throws TufFailure {
        JsonNode v = signed.path("version");
        if (!v.canConvertToLong() || v.asLong() < 1) {
            throw new TufFailure(role + ".json has no valid version");
        }
        return v.asLong();
    }

    /** Fails when {@code expires} is missing or not after {@code now}. */
    public Instant checkExpiry(Instant now) throws TufFailure {
        Instant expires;
        try {
            expires = Instant.parse(signed.path("expires").asText(""));
        } catch (DateTimeParseException e) {
            throw new TufFailure(role + ".json has no valid expiry");
        }
        if (!now.isBefore(expires)) {
            throw new TufFailure(role + ".json expired on " + expires);
        }
        return expires;
    }

    /** Fails when this version is older than {@code seen}, the version trusted before (a rollback). */
    public void checkNotOlder(Long seen) throws TufFailure {
        if (seen != null && version() < seen) {
            throw new TufFailure("rollback: " + role + ".json is version " + version() + ", older than version " + seen
                    + " seen before");
        }
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
