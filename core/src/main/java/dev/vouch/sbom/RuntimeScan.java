package dev.vouch.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Searches one binary, chunk by chunk as the layer pass streams it, for the version strings of the runtime
 * signatures its name selects (a window of the previous chunk's end is kept, so a string cut by a chunk boundary is
 * still found). Bytes are read as ISO-8859-1, one char per byte.
 */
final class RuntimeScan {
    private static final int OVERLAP = 256;
    private final String path;
    private final String baseName;
    private final List<RuntimeSignature> signatures;
    private final String[] versions;
    private final boolean[] marked;
    private final byte[][] literals;
    private byte[] window = new byte[0];

    RuntimeScan(String path, List<RuntimeSignature> signatures) {
        this.path = path;
        this.baseName = path.substring(path.lastIndexOf('/') + 1);
        this.signatures = signatures;
        this.versions = new String[signatures.size()];
        this.marked = new boolean[signatures.size()];
        this.literals = new byte[signatures.size()][];
        for (int i = 0; i < signatures.size(); i++) {
            String literal = signatures.get(i).literalFor(baseName);
            literals[i] = literal == null ? null : literal.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    boolean active() {
        return !signatures.isEmpty();
    }

    void feed(byte[] b, int off, int len) {
        if (done()) {
            return;
        }
        int keep = Math.min(window.length, OVERLAP);
        byte[] next = new byte[keep + len];
        System.arraycopy(window, window.length - keep, next, 0, keep);
        System.arraycopy(b, off, next, keep, len);
        window = next;
        CharSequence text = new Latin1(next);
        for (int i = 0; i < signatures.size(); i++) {
            RuntimeSignature s = signatures.get(i);
            if (versions[i] == null) {
                Matcher m = s.content().matcher(text);
                if (literals[i] == null) {
                    while (versions[i] == null && m.find()) {
                        versions[i] = s.version(m, baseName);
                    }
                } else {
                    // the expression only where its literal is, in a window around each occurrence
                    for (int at = indexOf(next, literals[i], 0);
                            at >= 0 && versions[i] == null;
                            at = indexOf(next, literals[i], at + 1)) {
                        m.region(Math.max(0, at - 64), Math.min(next.length, at + literals[i].length + 128));
                        while (versions[i] == null && m.find()) {
                            versions[i] = s.version(m, baseName);
                        }
                    }
                }
            }
            if (s.marker() != null && !marked[i]) {
                marked[i] = indexOf(next, s.marker().getBytes(StandardCharsets.ISO_8859_1), 0) >= 0;
            }
        }
    }

    private static int indexOf(byte[] b, byte[] literal, int from) {
        outer:
        for (int i = from; i <= b.length - literal.length; i++) {
            if (b[i] != literal[0]) {
                continue;
            }
            for (int k = 1; k < literal.length; k++) {
                if (b[i + k] != literal[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private boolean done() {
        for (int i = 0; i < signatures.size(); i++) {
            if (versions[i] == null || signatures.get(i).marker() != null && !marked[i]) {
                return false;
            }
        }
        return true;
    }

    /** Bytes seen as chars, one per byte (ISO-8859-1), without copying them into a String. */
    private record Latin1(byte[] bytes) implements CharSequence {
        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** The runtimes found, each with what showed it. */
    List<Package> packages() {
        List<Package> out = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            RuntimeSignature s = signatures.get(i);
            if (versions[i] != null && (s.marker() == null || marked[i])) {
                out.add(s.toPackage(versions[i], "/" + path + " states version " + versions[i]));
            }
        }
        return out;
    }
}
