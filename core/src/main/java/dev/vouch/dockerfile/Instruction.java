package dev.vouch.dockerfile;

import java.util.List;

/**
 * One Dockerfile instruction as BuildKit's parser shapes it (<a
 * href="https://github.com/moby/buildkit/tree/master/frontend/dockerfile/parser">frontend/dockerfile/parser</a>):
 * the keyword as written, the {@code --flags} before the arguments, and the arguments split the way that
 * instruction splits them (a JSON array, whitespace, one string, or key/value/separator triples for ENV and LABEL).
 * ONBUILD holds its trigger as {@link #trigger}.
 *
 * @param keyword the instruction name as written (case kept), e.g. {@code RUN}
 * @param flags {@code --name=value} flags in order, e.g. {@code --from=build}
 * @param args the arguments; for ENV and LABEL, triples of key, value and {@code "="} (or {@code ""} for the legacy
 *     {@code ENV key value} form)
 * @param json whether the arguments were given in exec (JSON array) form
 * @param trigger the instruction ONBUILD wraps, or null
 * @param original the logical line after continuation lines were joined
 * @param startLine the first line (1-based)
 * @param endLine the last line, heredoc bodies included
 * @param heredocs the heredocs that follow the instruction
 * @param comments the comment lines directly above it
 */
public record Instruction(
        String keyword,
        List<String> flags,
        List<String> args,
        boolean json,
        Instruction trigger,
        String original,
        int startLine,
        int endLine,
        List<Heredoc> heredocs,
        List<String> comments) {

    public Instruction {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
        comments = List.copyOf(comments);
    }

    /** The keyword in lower case, e.g. {@code run}. */
    public String command() {
        return keyword.toLowerCase(java.util.Locale.ROOT);
    }

    Instruction at(int start, int end, List<Heredoc> docs, List<String> above) {
        return new Instruction(keyword, flags, args, json, trigger, original, start, end, docs, above);
    }

    /**
     * The instruction in BuildKit's AST dump notation, {@code (run "echo hi")}'s inner part: used to test
     * conformance with BuildKit's own parser test cases.
     */
    public String dump() {
        StringBuilder b = new StringBuilder(command());
        if (!flags.isEmpty()) {
            b.append(" [");
            for (int i = 0; i < flags.size(); i++) {
                b.append(i > 0 ? " " : "").append(GoQuote.quote(flags.get(i)));
            }
            b.append(']');
        }
        if (trigger != null) {
            b.append(" (").append(trigger.dump()).append(")\n");
        }
        for (String a : args) {
            b.append(' ').append(GoQuote.quote(a));
        }
        return b.toString().strip();
    }
}
