package dev.vouch.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One image history entry's {@code created_by}, read back into the instruction that wrote it. Two dialects exist:
 * the classic builder's and buildah's ({@code /bin/sh -c #(nop) USER x}, {@code |2 A=1 B=2 /bin/sh -c cmd},
 * {@code /bin/sh -c #(nop) COPY file:<sha> in /dst}) and BuildKit's ({@code RUN /bin/sh -c cmd # buildkit}, {@code
 * COPY src dst # buildkit}, {@code USER x}); see the <a
 * href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#properties">image config's history</a>.
 *
 * @param keyword the instruction in upper case ({@code RUN}, {@code COPY}…), or {@code null} when the entry names
 *     none (a base image's own tool, {@code mmdebstrap …})
 * @param text the instruction's arguments with runs of white space collapsed: for RUN the command (the {@code |N
 *     K=V} build-arg prefix and the {@code /bin/sh -c} shell removed), for COPY/ADD the destination
 * @param words for exec-form RUN, ENTRYPOINT, CMD, SHELL, VOLUME: the quoted words it holds, else empty
 */
public record RecordedStep(String keyword, String text, List<String> words) {
    private static final String NOP = "#(nop) ";

    public RecordedStep {
        words = List.copyOf(words);
    }

    /** Whether this step's instruction makes a layer (RUN, COPY, ADD). */
    public boolean makesLayer() {
        return keyword != null && (keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD"));
    }

    /** Reads one {@code created_by}; never fails (an entry vouch cannot place has a null keyword). */
    public static RecordedStep of(String createdBy) {
        if (createdBy == null || createdBy.isBlank()) {
            return new RecordedStep(null, "", List.of());
        }
        String s = createdBy.strip();
        if (s.endsWith("# buildkit")) {
            s = s.substring(0, s.length() - "# buildkit".length()).strip();
            String kw = firstWord(s).toUpperCase(Locale.ROOT);
            String rest =
                    s.substring(Math.min(s.length(), firstWord(s).length())).strip();
            if (kw.equals("RUN")) {
                return run(rest);
            }
            return instruction(kw, rest);
        }
        // the classic builder's and buildah's form
        String sh = "/bin/sh -c ";
        if (s.startsWith(sh + NOP)) {
            String inner = s.substring(sh.length() + NOP.length()).strip();
            String kw = firstWord(inner).toUpperCase(Locale.ROOT);
            return instruction(kw, inner.substring(firstWord(inner).length()).strip());
        }
        if (s.startsWith(sh) || s.startsWith("|")) {
            return run(s);
        }
        // BuildKit's config-only entries carry no marker: ENV, LABEL, USER, WORKDIR… spelled as the instruction
        String kw = firstWord(s).toUpperCase(Locale.ROOT);
        if (Keywords.CONFIG.contains(kw) || kw.equals("COPY") || kw.equals("ADD")) {
            return instruction(kw, s.substring(firstWord(s).length()).strip());
        }
        return new RecordedStep(null, collapse(s), List.of());
    }

    /** A RUN: drops {@code |N K=V…} (N words) and the {@code /bin/sh -c} shell; exec form keeps its words. */
    private static RecordedStep run(String s) {
        String rest = s.strip();
        if (rest.startsWith("|")) {
            int space = rest.indexOf(' ');
            int n = 0;
            try {
                n = Integer.parseInt(rest.substring(1, space < 0 ? rest.length() : space));
            } catch (NumberFormatException e) {
                return new RecordedStep("RUN", collapse(rest), List.of());
            }
            rest = space < 0 ? "" : rest.substring(space + 1);
            for (int k = 0; k < n && !rest.isEmpty(); k++) {
                int sp = rest.indexOf(' ');
                rest = sp < 0 ? "" : rest.substring(sp + 1);
            }
        }
        String sh = "/bin/sh -c ";
        if (rest.startsWith(sh)) {
            return new RecordedStep("RUN", collapse(rest.substring(sh.length())), List.of());
        }
        if (rest.startsWith("[")) {
            List<String> w = quotedWords(rest);
            return new RecordedStep("RUN", collapse(String.join(" ", w)), w);
        }
        return new RecordedStep("RUN", collapse(rest), List.of());
    }

    private static RecordedStep instruction(String kw, String rest) {
        switch (kw) {
            case "COPY", "ADD" -> {
                // classic: "file:<sha> in /dst"; BuildKit: "[--flags] src... dst"
                int in = rest.lastIndexOf(" in ");
                String dst =
                        in >= 0 && (rest.startsWith("file:") || rest.startsWith("dir:") || rest.startsWith("multi:"))
                                ? rest.substring(in + 4)
                                : lastWord(rest);
                return new RecordedStep(kw, collapse(dst), List.of());
            }
            case "ENTRYPOINT", "CMD", "SHELL", "VOLUME" -> {
                List<String> w = rest.startsWith("[") ? quotedWords(rest) : List.of();
                return new RecordedStep(kw, collapse(rest), w);
            }
            default -> {
                return new RecordedStep(kw, collapse(rest), List.of());
            }
        }
    }

    private static String firstWord(String s) {
        int sp = s.indexOf(' ');
        return sp < 0 ? s : s.substring(0, sp);
    }

    private static String lastWord(String s) {
        String t = s.strip();
        int sp = t.lastIndexOf(' ');
        return sp < 0 ? t : t.substring(sp + 1);
    }

    /** Runs of white space as one space, ends stripped: how builders differ in joining continuation lines. */
    static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /**
     * The double-quoted words of a JSON array ({@code ["a", "b"]}) or of Go's {@code %q} slice print ({@code ["a"
     * "b"]}), unescaped.
     */
    static List<String> quotedWords(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (cur == null) {
                if (c == '"') {
                    cur = new StringBuilder();
                }
            } else if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                cur.append(
                        switch (n) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> n;
                        });
            } else if (c == '"') {
                out.add(cur.toString());
                cur = null;
            } else {
                cur.append(c);
            }
        }
        return out;
    }
}
