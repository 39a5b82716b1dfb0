package dev.vouch.tuf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * What a parent role says of another metadata file (timestamp of snapshot, snapshot of root and targets): its length
 * and hashes. The bytes fetched must have exactly that length and every listed hash that vouch can compute (sha256,
 * sha512); at least one must be listed.
 *
 * @param length the length in bytes
 * @param hashes algorithm to digest, as the metadata spells them (Notary: base64)
 */
public record MetaFile(long length, Map<String, byte[]> hashes) {
    public MetaFile {
        hashes = Map.copyOf(hashes);
    }

    /** Checks {@code bytes} against this description; {@code what} names the file and {@code by} the parent. */
    public void check(byte[] bytes, String what, String by) throws TufFailure {
        if (bytes.length != length) {
            throw new TufFailure(what + " is " + bytes.length + " bytes, but " + by + " lists " + length);
        }
        int checked = 0;
        for (String name : new String[] {"sha256", "sha512"}) {
            byte[] listed = hashes.get(name);
            if (listed == null) {
                continue;
            }
            if (!MessageDigest.isEqual(digest(name.equals("sha256") ? "SHA-256" : "SHA-512", bytes), listed)) {
                throw new TufFailure(what + " does not have the " + name + " that " + by + " lists");
            }
            checked++;
        }
        if (checked == 0) {
            throw new TufFailure(by + " lists no sha256 or sha512 for " + what);
        }
    }

    /** The sha256 listed, or null. */
    public byte[] sha256() {
        return hashes.get("sha256");
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code {"length": N, "hashes": {"sha256": BASE64, …}}}. */
    public static MetaFile read(com.fasterxml.jackson.databind.JsonNode node, String what) throws TufFailure {
        if (node == null
                || !node.isObject()
                || !node.path("length").canConvertToLong()
                || node.path("length").asLong() < 0) {
            throw new TufFailure(what + ": no length");
        }
        var hashes = new java.util.LinkedHashMap<String, byte[]>();
        var fields = node.path("hashes").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().isTextual()) {
                throw new TufFailure(what + ": hash " + f.getKey() + " is not a string");
            }
            try {
                hashes.put(f.getKey(), Base64.getDecoder().decode(f.getValue().asText()));
            } catch (IllegalArgumentException e) {
                throw new TufFailure(what + ": hash " + f.getKey() + " is not base64");
            }
        }
        return new MetaFile(node.path("length").asLong(), hashes);
    }
}
