package dev.vouch.dockerfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile parser that splits instructions exactly as BuildKit's does (<a
 * href="https://github.com/moby/buildkit/tree/master/frontend/dockerfile/parser">frontend/dockerfile/parser</a>),
 * checked against BuildKit's own parser test cases: parser directives ({@code escape}, {@code syntax},
 * {@code check}) before the first instruction, line continuations (with comment and blank lines inside them),
 * {@code --flags}, exec (JSON) and shell forms, ENV/LABEL key-value pairs in both forms, HEALTHCHECK, ONBUILD, and
 * heredocs after RUN, COPY and ADD. Every instruction keeps its line range. A file that does not parse yields a
 * {@link ParseError} with its line, never an exception; lines are bounded as BuildKit bounds them (64 KiB).
 */
public final class DockerfileParser {
    static final int MAX_LINE = 64 * 1024 - 1;
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Set<String> DIRECTIVES = Set.of("escape", "syntax", "check");
    private static final Pattern WHITESPACE = Pattern.compile("[\\t\\x0B\\f\\r ]+");
    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");
    private static final Set<String> HEREDOC_COMMANDS = Set.of("run", "copy", "add");
    private static final ObjectMapper JSON = new ObjectMapper();

    private char escape = '\\';
    private Pattern continuation = continuationFor('\\');
    private boolean directivesDone;
    private final Map<String, String> directives = new LinkedHashMap<>();

    private DockerfileParser() {}

    /** Parses a Dockerfile's text; {@code name} names it in errors. */
    public static Dockerfile parse(String text, String name) {
        return new DockerfileParser().run(text, name);
    }

    /** Raised inside the parser and turned into a {@link ParseError}. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private static Pattern continuationFor(char e) {
        String q = Pattern.quote(String.valueOf(e));
        String notE = e == '\\' ? "[^\\\\]" : "[^" + e + "]";
        return Pattern.compile("(" + notE + ")" + q + "[ \\t]*$|^" + q + "[ \\t]*$");
    }

    private Dockerfile run(String text, String name) {
        List<String> lines = splitLines(text.startsWith("\uFEFF") ? text.substring(1) : text);
        List<Instruction> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        int current = 0;
        int i = 0;
        try {
            while (i < lines.size()) {
                String raw = lines.get(i++);
                if (raw.length() > MAX_LINE) {
                    throw new LineFailure(current + 1, "line longer than the " + MAX_LINE + "-byte limit");
                }
                int directivesBefore = directives.size();
                String processed = process(raw, true, current);
                if (isComment(raw) && directives.size() == directivesBefore) {
                    comments.add(trimLeading(trimNewline(raw)).substring(1).strip());
                }
                current++;
                int start = current;
                String[] cont = trimContinuation(processed);
                String line = cont[0];
                boolean end = cont[1] == null;
                if (end && line.isEmpty()) {
                    continue;
                }
                boolean emptyContinuation = false;
                while (!end && i < lines.size()) {
                    String next = lines.get(i++);
                    if (next.length() > MAX_LINE) {
                        throw new LineFailure(current + 1, "line longer than the " + MAX_LINE + "-byte limit");
                    }
                    String p = process(next, false, current);
                    current++;
                    if (isComment(next)) {
                        continue;
                    }
                    if (trimLeading(trimNewline(p)).isEmpty()) {
                        emptyContinuation = true;
                        continue;
                    }
                    String[] c = trimContinuation(p);
                    line += c[0];
                    end = c[1] == null;
                }
                if (emptyContinuation) {
                    warnings.add("line " + start + ": empty continuation line");
                }
                Instruction child;
                try {
                    child = instruction(line);
                } catch (Failure f) {
                    throw new LineFailure(start, current, f.getMessage());
                }
                List<Heredoc> docs = new ArrayList<>();
                if (canContainHeredoc(child)) {
                    for (Heredoc h : heredocsIn(line)) {
                        StringBuilder body = new StringBuilder();
                        boolean terminated = false;
                        while (i < lines.size()) {
                            String b = lines.get(i++);
                            current++;
                            String candidate = trimNewline(b);
                            if (h.chomp()) {
                                candidate = candidate.replaceFirst("^\\t+", "");
                            }
                            if (candidate.equals(h.name())) {
                                terminated = true;
                                break;
                            }
                            body.append(b);
                        }
                        if (!terminated) {
                            throw new LineFailure(start, current, "unterminated heredoc " + h.name());
                        }
                        docs.add(new Heredoc(h.name(), h.fileDescriptor(), h.expand(), h.chomp(), body.toString()));
                    }
                }
                out.add(child.at(start, current, docs, comments));
                comments = new ArrayList<>();
            }
        } catch (LineFailure f) {
            return new Dockerfile(
                    name, out, directives, escape, warnings, List.of(new ParseError(f.start, f.end, f.getMessage())));
        }
        List<ParseError> errors =
                out.isEmpty() ? List.of(new ParseError(0, 0, "file with no instructions")) : List.of();
        return new Dockerfile(name, out, directives, escape, warnings, errors);
    }

    private static final class LineFailure extends Exception {
        final int start;
        final int end;

        LineFailure(int line, String message) {
            this(line, line, message);
        }

        LineFailure(int start, int end, String message) {
            super(message, null, false, false);
            this.start = start;
            this.end = end;
        }
    }

    /** Splits into lines that keep their line endings, as BuildKit's scanner does. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl + 1;
            lines.add(text.substring(from, to));
            from = to;
        }
        return lines;
    }

    private String process(String raw, boolean stripLeading, int lineIndex) throws LineFailure {
        String token = trimNewline(raw);
        if (stripLeading) {
            token = trimLeading(token);
        }
        directive(token, lineIndex);
        return token.startsWith("#") ? "" : token;
    }

    private void directive(String line, int lineIndex) throws LineFailure {
        if (directivesDone) {
            return;
        }
        Matcher m = DIRECTIVE.matcher(line);
        if (!m.matches()) {
            directivesDone = true;
            return;
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        if (!DIRECTIVES.contains(key)) {
            directivesDone = true;
            return;
        }
        if (directives.containsKey(key)) {
            throw new LineFailure(lineIndex + 1, "only one " + key + " parser directive can be used");
        }
        directives.put(key, m.group(2));
        if (key.equals("escape")) {
            String e = m.group(2);
            if (!e.equals("`") && !e.equals("\\")) {
                throw new LineFailure(lineIndex + 1, "invalid escape token '" + e + "' does not match ` or \\");
            }
            escape = e.charAt(0);
            continuation = continuationFor(escape);
        }
    }

    /** {line without its continuation token, non-null marker when the line continues}. */
    private String[] trimContinuation(String line) {
        Matcher m = continuation.matcher(line);
        if (m.find()) {
            return new String[] {m.replaceAll("$1"), ""};
        }
        return new String[] {line, null};
    }

    private static String trimNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String trimLeading(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static boolean isComment(String raw) {
        return trimLeading(trimNewline(raw)).startsWith("#");
    }

    // ---- one logical line ------------------------------------------------------------------------------------

    private Instruction instruction(String line) throws Failure {
        String trimmed = line.strip();
        String[] cmdline = WHITESPACE.split(trimmed, 2);
        String keyword = cmdline[0];
        List<String> flags = new ArrayList<>();
        String rest = "";
        if (cmdline.length == 2) {
            rest = extractFlags(cmdline[1], flags).strip();
        }
        Args a = dispatch(keyword.toLowerCase(Locale.ROOT), rest);
        return new Instruction(keyword, flags, a.args, a.json, a.trigger, line, 0, 0, List.of(), List.of());
    }

    private record Args(List<String> args, boolean json, Instruction trigger) {
        static final Args NONE = new Args(List.of(), false, null);

        static Args of(List<String> args) {
            return new Args(args, false, null);
        }
    }

    private Args dispatch(String cmd, String rest) throws Failure {
        return switch (cmd) {
            case "add", "copy", "volume" -> maybeJsonToList(rest);
            case "arg" -> Args.of(words(rest));
            case "cmd", "entrypoint", "run", "shell" -> maybeJson(rest);
            case "env" -> nameValue(rest, "ENV");
            case "label" -> nameValue(rest, "LABEL");
            case "expose", "from" -> Args.of(whitespaceDelimited(rest));
            case "healthcheck" -> health(rest);
            case "maintainer", "stopsignal", "user", "workdir" -> rest.isEmpty() ? Args.NONE : Args.of(List.of(rest));
            case "onbuild" -> rest.isEmpty() ? Args.NONE : new Args(List.of(), false, instruction(rest));
            default -> Args.NONE;
        };
    }

    /** The {@code --name[=value]} words before the arguments (a bare {@code --} ends them); returns the rest. */
    static String extractFlags(String line, List<String> flags) {
        int pos = 0;
        int n = line.length();
        while (true) {
            while (pos < n && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            if (pos >= n) {
                return "";
            }
            if (line.charAt(pos) != '-' || pos + 1 == n || line.charAt(pos + 1) != '-') {
                return line.substring(pos);
            }
            StringBuilder word = new StringBuilder();
            boolean blankOk = false;
            char quote = 0;
            while (pos < n) {
                char ch = line.charAt(pos);
                if (quote == 0) {
                    if (Character.isWhitespace(ch)) {
                        break;
                    }
                    if (ch == '\'' || ch == '"') {
                        quote = ch;
                        blankOk = true;
                        pos++;
                        continue;
                    }
                } else if (ch == quote) {
                    quote = 0;
                    pos++;
                    continue;
                }
                if (ch == '\\') {
                    pos++;
                    if (pos == n) {
                        break;
                    }
                    ch = line.charAt(pos);
                }
                word.append(ch);
                pos++;
            }
            String w = word.toString();
            if (w.equals("--")) {
                return pos >= n ? "" : line.substring(pos);
            }
            if (blankOk || !w.isEmpty()) {
                flags.add(w);
            }
        }
    }

    /** Words as BuildKit's parseWords splits them: quotes and escapes kept, to be processed later. */
    List<String> words(String rest) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean inQuote = false;
        boolean blankOk = false;
        int quote = 0;
        int[] cps = rest.codePoints().toArray();
        for (int pos = 0; pos <= cps.length; pos++) {
            if (pos == cps.length) {
                if ((inWord || inQuote) && (blankOk || word.length() > 0)) {
                    words.add(word.toString());
                }
                break;
            }
            int ch = cps[pos];
            if (!inWord && !inQuote) {
                if (Character.isWhitespace(ch)) {
                    continue;
                }
                inWord = true;
            }
            if (inWord) {
                if (Character.isWhitespace(ch)) {
                    inWord = false;
                    if (blankOk || word.length() > 0) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    inWord = false;
                    inQuote = true;
                }
                if (ch == escape) {
                    if (pos + 1 == cps.length) {
                        continue;
                    }
                    word.appendCodePoint(ch);
                    ch = cps[++pos];
                }
                word.appendCodePoint(ch);
                continue;
            }
            if (ch == quote) {
                inQuote = false;
                inWord = true;
            }
            if (ch == escape && quote != '\'') {
                if (pos + 1 == cps.length) {
                    inQuote = false;
                    inWord = true;
                    continue;
                }
                word.appendCodePoint(ch);
                ch = cps[++pos];
            }
            word.appendCodePoint(ch);
        }
        return words;
    }

    private Args nameValue(String rest, String key) throws Failure {
        List<String> words = words(rest);
        if (words.isEmpty()) {
            return Args.NONE;
        }
        if (!words.get(0).contains("=")) {
            String[] parts = WHITESPACE.split(rest, 2);
            if (parts.length < 2) {
                throw new Failure(key + " must have two arguments");
            }
            return Args.of(List.of(parts[0], parts[1], ""));
        }
        List<String> out = new ArrayList<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq < 0) {
                throw new Failure("syntax error: can't find = in \"" + w + "\"; must be of the form name=value");
            }
            out.add(w.substring(0, eq));
            out.add(w.substring(eq + 1));
            out.add("=");
        }
        return Args.of(out);
    }

    private static List<String> whitespaceDelimited(String rest) {
        if (rest.isEmpty()) {
            return List.of();
        }
        return List.of(WHITESPACE.split(rest, -1));
    }

    /** Not a JSON array of strings: null. An array with a non-string: a failure, as BuildKit reports it. */
    private static List<String> json(String rest) throws Failure {
        String r = trimLeading(rest);
        if (!r.startsWith("[")) {
            return null;
        }
        try (JsonParser p = JSON.getFactory().createParser(r)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> out = new ArrayList<>();
            boolean notString = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    return null;
                }
                if (t == JsonToken.VALUE_STRING) {
                    out.add(p.getText());
                } else {
                    notString = true;
                    p.skipChildren();
                }
            }
            if (notString) {
                throw new Failure("when using JSON array syntax, arrays must be comprised of strings only");
            }
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    private static Args maybeJson(String rest) throws Failure {
        if (rest.isEmpty()) {
            return Args.NONE;
        }
        List<String> j = json(rest);
        return j != null ? new Args(j, true, null) : Args.of(List.of(rest));
    }

    private static Args maybeJsonToList(String rest) throws Failure {
        List<String> j = json(rest);
        return j != null ? new Args(j, true, null) : Args.of(whitespaceDelimited(rest));
    }

    private static Args health(String rest) throws Failure {
        int sep = 0;
        while (sep < rest.length() && !Character.isWhitespace(rest.charAt(sep))) {
            sep++;
        }
        if (sep == 0) {
            return Args.NONE;
        }
        int next = sep;
        while (next < rest.length() && Character.isWhitespace(rest.charAt(next))) {
            next++;
        }
        Args cmd = maybeJson(rest.substring(next));
        List<String> args = new ArrayList<>();
        args.add(rest.substring(0, sep));
        args.addAll(cmd.args());
        return new Args(args, cmd.json(), null);
    }

    // ---- heredocs --------------------------------------------------------------------------------------------

    private static boolean canContainHeredoc(Instruction i) {
        Instruction target = i.command().equals("onbuild") && i.trigger() != null ? i.trigger() : i;
        return HEREDOC_COMMANDS.contains(target.command()) && !target.json();
    }

    /** The heredocs a line opens: words like {@code <<EOF}, {@code <<-'EOF'}, {@code 3<<EOF}, in order. */
    static List<Heredoc> heredocsIn(String line) {
        List<Heredoc> out = new ArrayList<>();
        for (String word : rawWords(line)) {
            Matcher m = HEREDOC.matcher(word);
            if (!m.matches() || m.group(3).isEmpty()) {
                continue;
            }
            String rest = m.group(3);
            String name = rest.replace("\"", "").replace("'", "");
            if (name.isEmpty()) {
                continue;
            }
            boolean quoted = !name.equals(rest);
            int fd = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1).length() > 9 ? "0" : m.group(1));
            out.add(new Heredoc(name, fd, !quoted, m.group(2).equals("-"), ""));
        }
        return out;
    }

    /** Shell-like words with quotes and escapes left in place. */
    private static List<String> rawWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (w.length() > 0) {
                    words.add(w.toString());
                    w.setLength(0);
                }
                continue;
            }
            if (c == '\\' && quote != '\'' && i + 1 < line.length()) {
                w.append(c).append(line.charAt(++i));
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            w.append(c);
        }
        if (w.length() > 0) {
            words.add(w.toString());
        }
        return words;
    }
}
