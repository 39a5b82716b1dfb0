package dev.vouch.layer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalizes tar entry names to image-root-relative paths and classifies the hostile ones. A name is never
 * "followed": one with a {@code ..} component, a NUL byte, a leading slash or an over-long part is a finding,
 * and the entry does not enter the file view.
 */
final class EntryNames {
    static final int MAX_PATH_BYTES = 4096;
    static final int MAX_COMPONENT_BYTES = 255;

    /** The outcome: a normalized path (empty for the root itself) or the reason it was refused. */
    record Result(String path, String ruleId, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private EntryNames() {}

    static Result normalize(String raw) {
        if (raw.indexOf('\0') >= 0) {
            return refused("TAR003", "name contains a NUL byte");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return refused("TAR004", "name is longer than " + MAX_PATH_BYTES + " bytes");
        }
        if (raw.startsWith("/")) {
            return refused("TAR001", "absolute name");
        }
        List<String> parts = new ArrayList<>();
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                return refused("TAR002", "name has a '..' component (path traversal)");
            }
            if (part.getBytes(StandardCharsets.UTF_8).length > MAX_COMPONENT_BYTES) {
                return refused("TAR004", "a name component is longer than " + MAX_COMPONENT_BYTES + " bytes");
            }
            parts.add(part);
        }
        return new Result(String.join("/", parts), null, null);
    }

    /** Normalizes a hardlink target the same way; symlink targets are data, not names, and are kept as written. */
    static Result normalizeLinkTarget(String raw) {
        return normalize(raw);
    }

    private static Result refused(String id, String problem) {
        return new Result(null, id, problem);
    }

    /** A name fit for a one-line message: control characters escaped, cut at 200 characters. */
    static String printable(String raw) {
        StringBuilder b = new StringBuilder();
        raw.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return raw.length() > 200 ? b + "…" : b.toString();
    }
}
