package dev.vouch.shell;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a POSIX shell script (a RUN body, a heredoc) far enough to see its commands, after the <a
 * href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html">Shell Command Language</a>:
 * words with quoting and escapes, {@code &&}, {@code ||}, {@code ;}, {@code &}, newlines, pipes, redirections
 * (heredoc bodies included), subshells and brace groups, {@code if}/{@code for}/{@code while}/{@code case}
 * (flattened; a {@code for NAME in WORDS} header stays as a command named {@code for}, so its list can be read, and
 * a {@code case WORD in} subject as a command named {@code case};
 * the pipelines of a function body {@code name() { … }} carry the function's name), here-strings, command substitutions ({@code $(…)}, backquotes) and process substitutions ({@code <(…)}) parsed as
 * scripts of their own, comments. It never executes or expands anything. Hostile input is bounded: nesting depth
 * and length are capped, and what cannot be read is reported in {@link Script#errors()}.
 */
public final class ShellParser {
    static final int MAX_DEPTH = 32;
    static final int MAX_LENGTH = 1 << 20;
    private static final Pattern ASSIGNMENT =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?\\+?=.*", Pattern.DOTALL);
    private static final Set<String> OPENERS = Set.of("if", "then", "elif", "else", "do", "while", "until", "{", "!");
    private static final Set<String> CLOSERS = Set.of("fi", "done", "}");
    private static final String[] OPERATORS = {
        "&&", "||", ";;&", ";;", ";&", "|&", "<<<", "<<-", "<<", ">>", "<&", ">&", "<>", ">|", "&>", "|", ";", "&", "(",
        ")", "<", ">", "\n"
    };

    private final String s;
    private final int depth;
    private final List<String> errors;
    private int pos;
    private int heredocResume = -1;

    private ShellParser(String s, int start, int depth, List<String> errors) {
        this.s = s;
        this.pos = start;
        this.depth = depth;
        this.errors = errors;
    }

    /** Parses a script. */
    public static Script parse(String script) {
        List<String> errors = new ArrayList<>();
        if (script.length() > MAX_LENGTH) {
            errors.add("script longer than " + MAX_LENGTH + " characters: not read");
            return new Script(List.of(), errors);
        }
        ShellParser p = new ShellParser(script, 0, 0, errors);
        return new Script(p.list(false), errors);
    }

    // ---- the command list ------------------------------------------------------------------------------------

    private static final class Builder {
        final List<Word> assignments = new ArrayList<>();
        final List<Word> words = new ArrayList<>();
        final List<Redirect> redirects = new ArrayList<>();
        final List<Script> subs = new ArrayList<>();

        boolean empty() {
            return assignments.isEmpty() && words.isEmpty() && redirects.isEmpty();
        }

        SimpleCommand build() {
            return new SimpleCommand(assignments, words, redirects, subs);
        }
    }

    /** Parses until the end, or (inside {@code $(}) until the unmatched {@code )}, which it consumes. */
    private List<Pipeline> list(boolean untilParen) {
        List<Pipeline> out = new ArrayList<>();
        List<SimpleCommand> pipe = new ArrayList<>();
        Builder cmd = new Builder();
        boolean negated = false;
        int parens = 0;
        // case handling: each open case is in "pattern" or "body" state
        Deque<Boolean> caseInPatterns = new ArrayDeque<>();
        boolean expectCaseWord = false;
        boolean expectIn = false;
        // function bodies: a name() seen and waiting for its {, and the open bodies with the brace depth they opened at
        String pendingFunction = null;
        Deque<String> functions = new ArrayDeque<>();
        Deque<Integer> functionDepths = new ArrayDeque<>();
        int braces = 0;
        boolean expectFunctionName = false;
        while (true) {
            skipBlanks();
            if (pos >= s.length()) {
                if (untilParen) {
                    errors.add("unterminated $( … ) substitution");
                }
                break;
            }
            String op = operator();
            if (op == null) {
                int before = pos;
                List<Script> subs = new ArrayList<>();
                Word w = word(subs);
                if (w == null || pos == before) {
                    pos = Math.max(pos, before + 1);
                    continue;
                }
                if (expectCaseWord) {
                    // the subject stays as a command "case WORD", so what its substitutions run is seen
                    expectCaseWord = false;
                    expectIn = true;
                    cmd.words.add(w);
                    cmd.subs.addAll(subs);
                    continue;
                }
                if (expectIn) {
                    expectIn = false;
                    finish(out, pipe, cmd, negated, ";", functions.peek());
                    pipe = new ArrayList<>();
                    cmd = new Builder();
                    negated = false;
                    caseInPatterns.push(true);
                    continue;
                }
                if (!caseInPatterns.isEmpty() && caseInPatterns.peek()) {
                    if (w.raw().equals("esac")) {
                        caseInPatterns.pop();
                    }
                    continue; // a pattern word
                }
                if (expectFunctionName) {
                    // bash's `function name {` (the parentheses are optional there)
                    expectFunctionName = false;
                    pendingFunction = w.value();
                    continue;
                }
                if (cmd.words.isEmpty() && cmd.assignments.isEmpty()) {
                    String r = w.raw();
                    if (r.equals("function")) {
                        expectFunctionName = true;
                        continue;
                    }
                    if (r.equals("!") && pipe.isEmpty()) {
                        negated = true;
                        continue;
                    }
                    if (r.equals("{")) {
                        braces++;
                        if (pendingFunction != null) {
                            functions.push(pendingFunction);
                            functionDepths.push(braces);
                            pendingFunction = null;
                        }
                        continue;
                    }
                    if (r.equals("}")) {
                        if (!functionDepths.isEmpty() && functionDepths.peek() == braces) {
                            // the body's last command may still be open (`f() { a; b }` is not valid, but be lenient)
                            finish(out, pipe, cmd, negated, ";", functions.peek());
                            pipe = new ArrayList<>();
                            cmd = new Builder();
                            negated = false;
                            functions.pop();
                            functionDepths.pop();
                        }
                        braces = Math.max(0, braces - 1);
                        continue;
                    }
                    if (OPENERS.contains(r) || CLOSERS.contains(r)) {
                        continue;
                    }
                    if (r.equals("case")) {
                        expectCaseWord = true;
                        cmd.words.add(w);
                        continue;
                    }
                    if (r.equals("esac") && !caseInPatterns.isEmpty()) {
                        caseInPatterns.pop();
                        continue;
                    }
                }
                if (cmd.words.isEmpty() && ASSIGNMENT.matcher(w.raw()).matches()) {
                    cmd.assignments.add(w);
                } else {
                    cmd.words.add(w);
                }
                cmd.subs.addAll(subs);
                continue;
            }
            switch (op) {
                case "<<<" -> {
                    // a here-string: the word is the command's standard input
                    int fd = ioNumber(cmd);
                    skipBlanks();
                    List<Script> subs = new ArrayList<>();
                    Word target = word(subs);
                    if (target == null) {
                        errors.add("here-string <<< without a word");
                        continue;
                    }
                    cmd.subs.addAll(subs);
                    cmd.redirects.add(new Redirect(fd, op, target, target.value()));
                }
                case "<<-", "<<", ">>", "<&", ">&", "<>", ">|", "&>", "<", ">" -> {
                    int fd = ioNumber(cmd);
                    skipBlanks();
                    if ((op.equals("<") || op.equals(">")) && pos < s.length() && s.charAt(pos) == '(') {
                        // process substitution: <( … ) as a word of its own
                        pos++;
                        Script sub = nested(true);
                        cmd.subs.add(sub);
                        cmd.words.add(new Word(op + "(…)", op + "(…)", true));
                        continue;
                    }
                    List<Script> subs = new ArrayList<>();
                    Word target = word(subs);
                    if (target == null) {
                        errors.add("redirection " + op + " without a target");
                        continue;
                    }
                    cmd.subs.addAll(subs);
                    String body = op.startsWith("<<") ? heredocBody(target.value(), op.equals("<<-")) : null;
                    cmd.redirects.add(new Redirect(fd, op, target, body));
                }
                case "|", "|&" -> {
                    if (!cmd.empty()) {
                        pipe.add(cmd.build());
                    }
                    cmd = new Builder();
                }
                case "(" -> {
                    if (!caseInPatterns.isEmpty() && caseInPatterns.peek()) {
                        continue; // optional ( before a case pattern
                    }
                    if (!cmd.words.isEmpty()) {
                        // a function definition name(): the parentheses carry nothing, the body follows
                        skipBlanks();
                        if (pos < s.length() && s.charAt(pos) == ')') {
                            pos++;
                        }
                        String name = cmd.words.get(cmd.words.size() - 1).value();
                        pendingFunction = name.equals("function") ? null : name;
                        cmd = new Builder();
                        continue;
                    }
                    parens++;
                }
                case ")" -> {
                    if (!caseInPatterns.isEmpty() && caseInPatterns.peek()) {
                        caseInPatterns.pop();
                        caseInPatterns.push(false);
                        continue;
                    }
                    if (parens > 0) {
                        parens--;
                        finish(out, pipe, cmd, negated, ";", functions.peek());
                        pipe = new ArrayList<>();
                        cmd = new Builder();
                        negated = false;
                        continue;
                    }
                    if (untilParen) {
                        finish(out, pipe, cmd, negated, "", functions.peek());
                        return out;
                    }
                    errors.add("unmatched )");
                }
                default -> {
                    // && || ; & newline ;; ;& ;;&
                    if (op.startsWith(";;") || op.equals(";&")) {
                        if (!caseInPatterns.isEmpty()) {
                            caseInPatterns.pop();
                            caseInPatterns.push(true);
                        }
                    }
                    finish(
                            out,
                            pipe,
                            cmd,
                            negated,
                            op.startsWith(";;") || op.equals(";&") ? ";" : op,
                            functions.peek());
                    pipe = new ArrayList<>();
                    cmd = new Builder();
                    negated = false;
                    if (op.equals("\n")) {
                        afterNewline();
                    }
                }
            }
        }
        finish(out, pipe, cmd, negated, "", functions.peek());
        return out;
    }

    private static void finish(
            List<Pipeline> out, List<SimpleCommand> pipe, Builder cmd, boolean negated, String next, String function) {
        if (!cmd.empty()) {
            pipe.add(cmd.build());
        }
        if (!pipe.isEmpty()) {
            out.add(new Pipeline(pipe, negated, next, function));
        }
    }

    /** A redirection's file descriptor: a word of digits written right before the operator. */
    private int ioNumber(Builder cmd) {
        if (cmd.words.isEmpty()) {
            return -1;
        }
        Word last = cmd.words.get(cmd.words.size() - 1);
        int opStart = pos - 1;
        while (opStart >= 0 && "<>&|-".indexOf(s.charAt(opStart)) >= 0) {
            opStart--;
        }
        if (last.raw().matches("\\d{1,4}")
                && opStart >= 0
                && s.startsWith(last.raw(), opStart - last.raw().length() + 1)) {
            cmd.words.remove(cmd.words.size() - 1);
            return Integer.parseInt(last.raw());
        }
        return -1;
    }

    private Script nested(boolean untilParen) {
        if (depth >= MAX_DEPTH) {
            errors.add("substitutions nest deeper than " + MAX_DEPTH);
            skipBalanced();
            return new Script(List.of(), List.of());
        }
        ShellParser inner = new ShellParser(s, pos, depth + 1, errors);
        List<Pipeline> pipelines = inner.list(untilParen);
        pos = inner.pos;
        return new Script(pipelines, List.of());
    }

    /** Skips to after the parenthesis that closes the one just opened. */
    private void skipBalanced() {
        int level = 1;
        while (pos < s.length() && level > 0) {
            char c = s.charAt(pos++);
            if (c == '(') {
                level++;
            } else if (c == ')') {
                level--;
            }
        }
    }

    // ---- heredocs ----------------------------------------------------------------------------------------------

    /** Reads the body of a heredoc opened on the current line: the lines after it up to the delimiter. */
    private String heredocBody(String delimiter, boolean stripTabs) {
        int from = heredocResume >= 0 ? heredocResume : lineEnd(pos);
        if (from >= s.length()) {
            errors.add("heredoc " + delimiter + " has no body");
            return "";
        }
        StringBuilder body = new StringBuilder();
        int i = from;
        boolean found = false;
        while (i < s.length()) {
            int end = s.indexOf('\n', i);
            String line = end < 0 ? s.substring(i) : s.substring(i, end);
            int next = end < 0 ? s.length() : end + 1;
            String candidate = stripTabs ? line.replaceFirst("^\\t+", "") : line;
            if (candidate.equals(delimiter)) {
                found = true;
                i = next;
                break;
            }
            body.append(stripTabs ? candidate : line).append('\n');
            i = next;
        }
        if (!found) {
            errors.add("unterminated heredoc " + delimiter);
        }
        heredocResume = i;
        return body.toString();
    }

    private int lineEnd(int from) {
        int nl = s.indexOf('\n', from);
        return nl < 0 ? s.length() : nl + 1;
    }

    /** After a newline: jump over the heredoc bodies the finished line opened. */
    private void afterNewline() {
        if (heredocResume >= 0) {
            pos = Math.max(pos, heredocResume);
            heredocResume = -1;
        }
    }

    // ---- tokens ----------------------------------------------------------------------------------------------

    private void skipBlanks() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                pos += 2;
            } else if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private String operator() {
        for (String op : OPERATORS) {
            if (s.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        return null;
    }

    /** Reads one word, collecting the scripts of its substitutions; null when none starts here. */
    private Word word(List<Script> subs) {
        int start = pos;
        StringBuilder value = new StringBuilder();
        boolean dynamic = false;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '<'
                    || c == '>' || c == '(' || c == ')') {
                break;
            }
            if (c == '\\') {
                if (pos + 1 < s.length()) {
                    if (s.charAt(pos + 1) != '\n') {
                        value.append(s.charAt(pos + 1));
                    }
                    pos += 2;
                } else {
                    pos++;
                }
                continue;
            }
            if (c == '\'') {
                int end = s.indexOf('\'', pos + 1);
                if (end < 0) {
                    errors.add("unterminated single quote");
                    value.append(s, pos + 1, s.length());
                    pos = s.length();
                    break;
                }
                value.append(s, pos + 1, end);
                pos = end + 1;
                continue;
            }
            if (c == '"') {
                pos++;
                dynamic |= doubleQuoted(value, subs);
                continue;
            }
            if (c == '$' || c == '`') {
                dynamic |= dollarOrBackquote(value, subs);
                continue;
            }
            value.append(c);
            pos++;
        }
        if (pos == start) {
            return null;
        }
        return new Word(s.substring(start, pos), value.toString(), dynamic);
    }

    private boolean doubleQuoted(StringBuilder value, List<Script> subs) {
        boolean dynamic = false;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return dynamic;
            }
            if (c == '\\' && pos + 1 < s.length()) {
                char n = s.charAt(pos + 1);
                if (n == '"' || n == '\\' || n == '$' || n == '`') {
                    value.append(n);
                    pos += 2;
                    continue;
                }
                if (n == '\n') {
                    pos += 2;
                    continue;
                }
            }
            if (c == '$' || c == '`') {
                dynamic |= dollarOrBackquote(value, subs);
                continue;
            }
            value.append(c);
            pos++;
        }
        errors.add("unterminated double quote");
        return dynamic;
    }

    /** {@code $NAME}, {@code ${…}}, {@code $(…)}, {@code $((…))} or a backquoted command: kept as written. */
    private boolean dollarOrBackquote(StringBuilder value, List<Script> subs) {
        int start = pos;
        char c = s.charAt(pos);
        if (c == '`') {
            int end = pos + 1;
            StringBuilder inner = new StringBuilder();
            while (end < s.length() && s.charAt(end) != '`') {
                if (s.charAt(end) == '\\' && end + 1 < s.length()) {
                    char n = s.charAt(end + 1);
                    if (n == '`' || n == '\\' || n == '$') {
                        inner.append(n);
                        end += 2;
                        continue;
                    }
                }
                inner.append(s.charAt(end++));
            }
            if (end >= s.length()) {
                errors.add("unterminated backquote");
            }
            if (depth < MAX_DEPTH) {
                ShellParser p = new ShellParser(inner.toString(), 0, depth + 1, errors);
                subs.add(new Script(p.list(false), List.of()));
            }
            pos = Math.min(s.length(), end + 1);
            value.append(s, start, pos);
            return true;
        }
        pos++; // $
        if (pos >= s.length()) {
            value.append('$');
            return false;
        }
        char n = s.charAt(pos);
        if (n == '(' && pos + 1 < s.length() && s.charAt(pos + 1) == '(') {
            pos += 2;
            int level = 2;
            while (pos < s.length() && level > 0) {
                char x = s.charAt(pos++);
                if (x == '(') {
                    level++;
                } else if (x == ')') {
                    level--;
                }
            }
            value.append(s, start, pos);
            return true;
        }
        if (n == '(') {
            pos++;
            subs.add(nested(true));
            value.append(s, start, pos);
            return true;
        }
        if (n == '{') {
            int level = 0;
            while (pos < s.length()) {
                char x = s.charAt(pos++);
                if (x == '{') {
                    level++;
                } else if (x == '}' && --level == 0) {
                    break;
                } else if (x == '\\' && pos < s.length()) {
                    pos++;
                }
            }
            if (level > 0) {
                errors.add("unterminated ${");
            }
            value.append(s, start, pos);
            return true;
        }
        if (Character.isLetter(n) || n == '_') {
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            value.append(s, start, pos);
            return true;
        }
        if (Character.isDigit(n) || "@*#?-$!".indexOf(n) >= 0) {
            pos++;
            value.append(s, start, pos);
            return true;
        }
        value.append('$');
        return false;
    }
}
