package dev.vouch.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vouch.error.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest as the <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests">
 * OCI descriptor spec</a> defines it: {@code algorithm ":" encoded}. vouch verifies sha256 and sha512, the two
 * registered algorithms; the encoded part must be lower-case hex of the algorithm's length.
 */
public record Digest(String algorithm, String hex) {
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        switch (algorithm) {
            case "sha256" -> require(SHA256, algorithm, hex);
            case "sha512" -> require(SHA512, algorithm, hex);
            default ->
                throw new InvalidInputException("unsupported digest algorithm '" + printable(algorithm)
                        + "' (vouch verifies sha256 and sha512)");
        }
    }

    private static void require(Pattern pattern, String algorithm, String hex) {
        if (hex == null || !pattern.matcher(hex).matches()) {
            throw new InvalidInputException("invalid " + algorithm + " digest '" + printable(hex) + "': expected "
                    + (algorithm.equals("sha256") ? 64 : 128) + " lower-case hex characters");
        }
    }

    /** Parses {@code sha256:<hex>}; throws {@link InvalidInputException} naming the bad value. */
    @JsonCreator
    public static Digest parse(String text) {
        if (text == null) {
            throw new InvalidInputException("missing digest");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidInputException("invalid digest '" + printable(text) + "': expected algorithm:hex");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The sha256 digest of the given bytes. */
    public static Digest sha256(byte[] bytes) {
        return of("sha256", bytes);
    }

    /** The digest of the given bytes with the named algorithm. */
    public static Digest of(String algorithm, byte[] bytes) {
        MessageDigest md = newHasher(algorithm);
        return new Digest(algorithm, HexFormat.of().formatHex(md.digest(bytes)));
    }

    /** A fresh hasher for this digest's algorithm. */
    public MessageDigest newHasher() {
        return newHasher(algorithm);
    }

    static MessageDigest newHasher(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest a finished hasher computed, in this digest's algorithm. */
    public Digest withHex(byte[] raw) {
        return new Digest(algorithm, HexFormat.of().formatHex(raw));
    }

    /** The first 12 hex characters, as Docker shows image ids. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder b = new StringBuilder();
        cut.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
