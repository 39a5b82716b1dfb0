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
    private String carry = "";

    RuntimeScan(String path, List<RuntimeSignature> signatures) {
        this.path = path;
        this.baseName = path.substring(path.lastIndexOf('/') + 1);
        this.signatures = signatures;
        this.versions = new String[signatures.size()];
        this.marked = new boolean[signatures.size()];
    }

    boolean active() {
        return !signatures.isEmpty();
    }

    void feed(byte[] b, int off, int len) {
        String text = carry + new String(b, off, len, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < signatures.size(); i++) {
            RuntimeSignature s = signatures.get(i);
            if (versions[i] == null) {
                Matcher m = s.content().matcher(text);
                while (m.find() && versions[i] == null) {
                    versions[i] = s.version(m, baseName);
                }
            }
            if (s.marker() != null && !marked[i]) {
                marked[i] = text.contains(s.marker());
            }
        }
        carry = text.substring(Math.max(0, text.length() - OVERLAP));
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
