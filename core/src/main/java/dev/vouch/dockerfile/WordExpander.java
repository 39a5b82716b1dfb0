package dev.vouch.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Quote removal and variable expansion of Dockerfile words as BuildKit's shell lexer does them (<a
 * href="https://github.com/moby/buildkit/blob/master/frontend/dockerfile/shell/lex.go">frontend/dockerfile/shell</a>),
 * checked against its {@code envVarTest} and {@code wordsTest} vectors: single and double quotes, the escape
 * character, {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-x}}, {@code ${VAR-x}}, {@code ${VAR:+x}},
 * {@code ${VAR?msg}}, {@code ${VAR#pat}}, {@code ${VAR%pat}} (and {@code ##}, {@code %%}), {@code ${VAR/a/b}} and
 * {@code ${VAR//a/b}}; positional and special parameters expand to nothing. Optionally keeps quotes and escapes
 * and leaves unset variables as written, as BuildKit does when it looks for heredoc names.
 */
public final class WordExpander {
    private static final int EOF = -1;

    private final char escape;
    private final boolean rawQuotes;
    private final boolean skipUnset;

    public WordExpander(char escape) {
        this(escape, false, false);
    }

    public WordExpander(char escape, boolean rawQuotes, boolean skipUnset) {
        this.escape = escape;
        this.rawQuotes = rawQuotes;
        this.skipUnset = skipUnset;
    }

    /** A word that cannot be expanded: an unterminated quote, a bad substitution, a {@code ${X?}} on an unset X. */
    public static final class ExpansionException extends Exception {
        ExpansionException(String message) {
            super(message, null, false, false);
        }
    }

    /** The word with quotes removed and variables expanded, spaces between words kept. */
    public String expand(String word, Map<String, String> env) throws ExpansionException {
        return new Run(word, env).process().text;
    }

    /** The expanded word split into words at unquoted whitespace (whitespace from variables splits too). */
    public List<String> words(String word, Map<String, String> env) throws ExpansionException {
        return new Run(word, env).process().words;
    }

    private record Result(String text, List<String> words) {}

    /** Collects words: whitespace ends a word unless it was quoted or escaped. */
    private static final class Words {
        final List<String> done = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        boolean inWord;

        void addChar(int ch) {
            if (Character.isWhitespace(ch) && inWord) {
                if (word.length() != 0) {
                    done.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (!Character.isWhitespace(ch)) {
                addRaw(ch);
            }
        }

        void addRaw(int ch) {
            word.appendCodePoint(ch);
            inWord = true;
        }

        void addString(String s) {
            s.codePoints().forEach(this::addChar);
        }

        void addRawString(String s) {
            word.append(s);
            inWord = true;
        }

        List<String> get() {
            if (word.length() > 0) {
                done.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
            return done;
        }
    }

    private final class Run {
        private final int[] cps;
        private final Map<String, String> env;
        private int pos;
        private boolean rawEscapes;

        Run(String word, Map<String, String> env) {
            this.cps = word.codePoints().toArray();
            this.env = env;
        }

        int peek() {
            return pos < cps.length ? cps[pos] : EOF;
        }

        int next() {
            return pos < cps.length ? cps[pos++] : EOF;
        }

        Result process() throws ExpansionException {
            return stopOn(EOF, false);
        }

        Result stopOn(int stop, boolean raw) throws ExpansionException {
            boolean saved = rawEscapes;
            rawEscapes = raw;
            try {
                StringBuilder result = new StringBuilder();
                Words words = new Words();
                while (peek() != EOF) {
                    int ch = peek();
                    if (stop != EOF && ch == stop) {
                        next();
                        return new Result(result.toString(), words.get());
                    }
                    if (ch == '$') {
                        String v = dollar();
                        result.append(v);
                        words.addString(v);
                    } else if (ch == '\'') {
                        String v = singleQuote();
                        result.append(v);
                        words.addRawString(v);
                    } else if (ch == '"') {
                        String v = doubleQuote();
                        result.append(v);
                        words.addRawString(v);
                    } else {
                        ch = next();
                        if (ch == escape) {
                            if (rawEscapes) {
                                words.addRaw(ch);
                                result.appendCodePoint(ch);
                            }
                            ch = next();
                            if (ch == EOF) {
                                break;
                            }
                            words.addRaw(ch);
                        } else {
                            words.addChar(ch);
                        }
                        result.appendCodePoint(ch);
                    }
                }
                if (stop != EOF) {
                    throw new ExpansionException(
                            "unexpected end of statement while looking for matching " + Character.toString(stop));
                }
                return new Result(result.toString(), words.get());
            } finally {
                rawEscapes = saved;
            }
        }

        String singleQuote() throws ExpansionException {
            StringBuilder r = new StringBuilder();
            int ch = next();
            if (rawQuotes) {
                r.appendCodePoint(ch);
            }
            while (true) {
                ch = next();
                if (ch == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
                }
                if (ch == '\'') {
                    if (rawQuotes) {
                        r.appendCodePoint(ch);
                    }
                    return r.toString();
                }
                r.appendCodePoint(ch);
            }
        }

        String doubleQuote() throws ExpansionException {
            StringBuilder r = new StringBuilder();
            int ch = next();
            if (rawQuotes) {
                r.appendCodePoint(ch);
            }
            while (true) {
                int p = peek();
                if (p == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
                }
                if (p == '"') {
                    ch = next();
                    if (rawQuotes) {
                        r.appendCodePoint(ch);
                    }
                    return r.toString();
                }
                if (p == '$') {
                    r.append(dollar());
                    continue;
                }
                ch = next();
                if (ch == escape) {
                    if (rawEscapes) {
                        r.appendCodePoint(ch);
                    }
                    int q = peek();
                    if (q == EOF) {
                        continue;
                    }
                    if (q == '"' || q == '$' || q == escape) {
                        ch = next();
                    }
                }
                r.appendCodePoint(ch);
            }
        }

        String dollar() throws ExpansionException {
            next();
            if (peek() != '{') {
                String name = name();
                if (name.isEmpty()) {
                    return "$";
                }
                String v = env.get(name);
                if (v == null && skipUnset) {
                    return "$" + name;
                }
                return v == null ? "" : v;
            }
            next();
            int p = peek();
            if (p == EOF) {
                throw new ExpansionException("syntax error: missing '}'");
            }
            if (p == '{' || p == '}' || p == ':') {
                throw new ExpansionException("syntax error: bad substitution");
            }
            String name = name();
            int ch = next();
            String chs = ch == EOF ? "" : Character.toString(ch);
            boolean nullIsUnset = false;
            String value = env.get(name);
            boolean set = value != null;
            switch (ch) {
                case '}' -> {
                    if (!set && skipUnset) {
                        return "${" + name + "}";
                    }
                    return set ? value : "";
                }
                case ':', '+', '-', '?', '#', '%' -> {
                    if (ch == ':') {
                        nullIsUnset = true;
                        ch = next();
                        chs += ch == EOF ? "" : Character.toString(ch);
                    }
                    String word;
                    try {
                        word = stopOn('}', ch == '#' || ch == '%').text;
                    } catch (ExpansionException e) {
                        throw peek() == EOF ? new ExpansionException("syntax error: missing '}'") : e;
                    }
                    if (skipUnset && !set) {
                        return "${" + name + chs + word + "}";
                    }
                    boolean empty = !set || (nullIsUnset && value.isEmpty());
                    return switch (ch) {
                        case '-' -> empty ? word : value;
                        case '+' -> empty ? "" : word;
                        case '?' -> {
                            if (!set) {
                                throw new ExpansionException(
                                        name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                            }
                            if (nullIsUnset && value.isEmpty()) {
                                throw new ExpansionException(
                                        name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                            }
                            yield value;
                        }
                        case '#', '%' -> {
                            boolean greedy = !word.isEmpty() && word.codePointAt(0) == ch;
                            String pattern = greedy ? word.substring(1) : word;
                            String v = set ? value : "";
                            yield ch == '#' ? trimPrefix(pattern, v, greedy) : trimSuffix(pattern, v, greedy);
                        }
                        default -> throw new ExpansionException("unsupported modifier (" + chs + ") in substitution");
                    };
                }
                case '/' -> {
                    boolean all = peek() == '/';
                    if (all) {
                        next();
                    }
                    String pattern;
                    String replacement;
                    try {
                        pattern = stopOn('/', true).text;
                    } catch (ExpansionException e) {
                        throw peek() == EOF ? new ExpansionException("syntax error: missing '/' in ${}") : e;
                    }
                    try {
                        replacement = stopOn('}', true).text;
                    } catch (ExpansionException e) {
                        throw peek() == EOF ? new ExpansionException("syntax error: missing '}'") : e;
                    }
                    if (skipUnset && !set) {
                        return "${" + name + "/" + pattern + "/" + replacement + "}";
                    }
                    Pattern re = toRegex(pattern, true);
                    String v = set ? value : "";
                    var m = re.matcher(v);
                    if (all) {
                        return m.replaceAll(java.util.regex.Matcher.quoteReplacement(replacement));
                    }
                    return m.find() ? v.substring(0, m.start()) + replacement + v.substring(m.end()) : v;
                }
                default -> throw new ExpansionException("unsupported modifier (" + chs + ") in substitution");
            }
        }

        /** A name: letters, digits and _, or a run of digits, or one special parameter. */
        String name() {
            StringBuilder n = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (n.length() == 0 && Character.isDigit(ch)) {
                    while (peek() != EOF && Character.isDigit(peek())) {
                        n.appendCodePoint(next());
                    }
                    return n.toString();
                }
                if (n.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
                    return Character.toString(next());
                }
                if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                    break;
                }
                n.appendCodePoint(next());
            }
            return n.toString();
        }
    }

    /** A shell pattern ({@code *}, {@code ?}, escapes) as a regular expression; bracket expressions are literal. */
    static Pattern toRegex(String pattern, boolean greedy) throws ExpansionException {
        StringBuilder out = new StringBuilder();
        int[] cps = pattern.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            switch (c) {
                case '*' -> out.append(greedy ? ".*" : ".*?");
                case '?' -> out.append('.');
                case '\\' -> {
                    if (i + 1 < cps.length && (cps[i + 1] == '}' || cps[i + 1] == '/')) {
                        continue;
                    }
                    if (i + 1 >= cps.length || (cps[i + 1] != '*' && cps[i + 1] != '?' && cps[i + 1] != '\\')) {
                        throw new ExpansionException("invalid pattern (" + pattern + ") in substitution");
                    }
                    out.append('\\').appendCodePoint(cps[++i]);
                }
                default -> {
                    if ("[]{}.+()|^$".indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.appendCodePoint(c);
                }
            }
        }
        try {
            return Pattern.compile(out.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new ExpansionException("invalid pattern (" + pattern + ") in substitution");
        }
    }

    private static String trimPrefix(String pattern, String value, boolean greedy) throws ExpansionException {
        Pattern re = toRegex(pattern, true);
        if (greedy) {
            for (int j = value.length(); j >= 0; j--) {
                if (re.matcher(value.substring(0, j)).matches()) {
                    return value.substring(j);
                }
            }
        } else {
            for (int j = 0; j <= value.length(); j++) {
                if (re.matcher(value.substring(0, j)).matches()) {
                    return value.substring(j);
                }
            }
        }
        return value;
    }

    private static String trimSuffix(String pattern, String value, boolean greedy) throws ExpansionException {
        Pattern re = toRegex(pattern, true);
        if (greedy) {
            for (int i = 0; i <= value.length(); i++) {
                if (re.matcher(value.substring(i)).matches()) {
                    return value.substring(0, i);
                }
            }
        } else {
            for (int i = value.length(); i >= 0; i--) {
                if (re.matcher(value.substring(i)).matches()) {
                    return value.substring(0, i);
                }
            }
        }
        return value;
    }
}
