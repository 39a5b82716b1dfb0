package dev.vouch.sign.notation;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of CBOR (<a href="https://www.rfc-editor.org/rfc/rfc8949">RFC 8949</a>) a COSE signature envelope uses,
 * read with bounds: integers, byte and text strings, arrays, maps, tags and simple values, definite lengths only, at
 * most 16 levels deep and 4096 items, every length checked against what is left. Values: {@link Long} (or
 * {@link BigInteger} beyond it), {@code byte[]}, {@link String}, {@link List}, {@link Map}, {@link Tagged},
 * {@link Boolean} and null.
 */
final class Cbor {
    private static final int MAX_DEPTH = 16;
    private static final int MAX_ITEMS = 4096;

    /** A tagged value. */
    record Tagged(long tag, Object value) {}

    private final byte[] in;
    private int at;
    private int items;

    private Cbor(byte[] in) {
        this.in = in;
    }

    /** The one item {@code bytes} holds; anything after it is an error. */
    static Object decode(byte[] bytes, String what) throws NotationFailure {
        Cbor c = new Cbor(bytes);
        Object v = c.item(0, what);
        if (c.at != bytes.length) {
            throw new NotationFailure(what + " has " + (bytes.length - c.at) + " bytes after its CBOR item");
        }
        return v;
    }

    private Object item(int depth, String what) throws NotationFailure {
        if (depth > MAX_DEPTH) {
            throw new NotationFailure(what + " nests CBOR deeper than " + MAX_DEPTH);
        }
        if (++items > MAX_ITEMS) {
            throw new NotationFailure(what + " holds more than " + MAX_ITEMS + " CBOR items");
        }
        int head = next(what);
        int major = head >>> 5;
        int info = head & 0x1f;
        if (major == 7) {
            return switch (info) {
                case 20 -> Boolean.FALSE;
                case 21 -> Boolean.TRUE;
                case 22 -> null;
                default -> throw new NotationFailure(what + " holds a CBOR simple value or float vouch does not read");
            };
        }
        BigInteger n = argument(info, what);
        switch (major) {
            case 0:
                return small(n);
            case 1:
                return small(n.add(BigInteger.ONE).negate());
            case 2:
                return bytes(length(n, what), what);
            case 3:
                try {
                    return StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(bytes(length(n, what), what)))
                            .toString();
                } catch (CharacterCodingException e) {
                    throw new NotationFailure(what + " holds a CBOR text string that is not UTF-8");
                }
            case 4: {
                int count = count(n, what);
                List<Object> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    list.add(item(depth + 1, what));
                }
                return list;
            }
            case 5: {
                int count = count(n, what);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    Object key = item(depth + 1, what);
                    if (key instanceof byte[] || key instanceof List || key instanceof Map) {
                        throw new NotationFailure(what + " has a CBOR map key of a type keys cannot have here");
                    }
                    if (map.put(key, item(depth + 1, what)) != null) {
                        throw new NotationFailure(what + " repeats the CBOR map key " + key);
                    }
                }
                return map;
            }
            case 6:
                if (n.bitLength() > 63) {
                    throw new NotationFailure(what + " has a CBOR tag out of range"); // found by fuzzing
                }
                return new Tagged(n.longValueExact(), item(depth + 1, what));
            default:
                throw new IllegalStateException();
        }
    }

    private BigInteger argument(int info, String what) throws NotationFailure {
        if (info < 24) {
            return BigInteger.valueOf(info);
        }
        int size = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            default -> throw new NotationFailure(what + " uses an indefinite or reserved CBOR length");
        };
        return new BigInteger(1, bytes(size, what));
    }

    private int length(BigInteger n, String what) throws NotationFailure {
        if (n.compareTo(BigInteger.valueOf(in.length - at)) > 0) {
            throw new NotationFailure(what + " declares a CBOR string longer than what is left");
        }
        return n.intValueExact();
    }

    private int count(BigInteger n, String what) throws NotationFailure {
        // every item takes at least one byte
        if (n.compareTo(BigInteger.valueOf(Math.min(in.length - at, MAX_ITEMS))) > 0) {
            throw new NotationFailure(what + " declares more CBOR items than it can hold");
        }
        return n.intValueExact();
    }

    private static Object small(BigInteger n) {
        return n.bitLength() < 64 ? (Object) n.longValue() : n;
    }

    private int next(String what) throws NotationFailure {
        if (at >= in.length) {
            throw new NotationFailure(what + " ends inside a CBOR item");
        }
        return in[at++] & 0xff;
    }

    private byte[] bytes(int n, String what) throws NotationFailure {
        if (n > in.length - at) {
            throw new NotationFailure(what + " ends inside a CBOR item");
        }
        byte[] out = java.util.Arrays.copyOfRange(in, at, at + n);
        at += n;
        return out;
    }

    /** The head of a byte or text string, or an array, of {@code length}: major type and length as CBOR encodes them. */
    static void head(ByteArrayOutputStream out, int major, long length) {
        if (length < 24) {
            out.write((major << 5) | (int) length);
        } else if (length < 0x100) {
            out.write((major << 5) | 24);
            out.write((int) length);
        } else if (length < 0x10000) {
            out.write((major << 5) | 25);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write((major << 5) | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
    }
}
