package dev.vouch.audit;

import dev.vouch.shell.Pipeline;
import dev.vouch.shell.Script;
import dev.vouch.shell.SimpleCommand;
import dev.vouch.shell.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the words of one RUN script can hold: the data flow the download rules follow from a value (a URL, a file
 * name, a checksum, a fingerprint) to the command that uses it, after the <a
 * href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_18_06_02">shell's parameter
 * expansion</a>.
 *
 * <p>Ordinary variables are read without regard to order: every assignment in the script is a possible value (the
 * branches of a {@code case} on the architecture, a value changed later), through {@code export}, {@code local},
 * {@code readonly} and {@code declare} too. A {@code for NAME in WORDS} loop gives its variable each word (an
 * unquoted variable in the list split on blanks, as the shell does). Inside a function body, {@code $1}, {@code $2}…
 * take the arguments of each call of that function in the script, after the {@code shift}s that come before them in
 * the body. ARG and ENV values come from the build model. What cannot be known (a command substitution, an unset
 * variable, {@code $@}) stays as the {@link #UNKNOWN} mark, so {@code deno-$ARCH.zip} with ARCH unknown still
 * matches {@code deno-x86_64.zip}. Every expansion is bounded (values per word, nesting depth).
 */
final class ShellValues {
    /** Stands for a part of a value that cannot be known. */
    static final char UNKNOWN = '\uFFFF';

    static final int MAX_VALUES = 32;
    private static final int MAX_DEPTH = 4;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> DECLARERS = Set.of("export", "local", "readonly", "declare", "typeset");

    /** A value as written, and where it was written (positional parameters depend on that). */
    private record Source(String raw, boolean split, String function, int shifts) {}

    private final BuildModel model;
    private final int index;
    private final Map<String, List<Source>> variables = new HashMap<>();
    private final Map<String, List<List<String>>> calls = new HashMap<>();
    private final Map<Pipeline, Integer> shiftsBefore = new IdentityHashMap<>();

    private ShellValues(BuildModel model, int index) {
        this.model = model;
        this.index = index;
    }

    /** The values of a RUN's script (ARG and ENV as in force at that instruction). */
    static ShellValues of(BuildModel model, int index, Script script) {
        ShellValues v = new ShellValues(model, index);
        Map<String, Integer> shifts = new HashMap<>();
        Set<String> functions = new LinkedHashSet<>();
        for (Pipeline p : script.pipelines()) {
            if (p.function() != null) {
                functions.add(p.function());
            }
        }
        v.read(script, shifts, functions);
        return v;
    }

    private void read(Script script, Map<String, Integer> shifts, Set<String> functions) {
        for (Pipeline p : script.pipelines()) {
            String fn = p.function();
            int shift = fn == null ? 0 : shifts.getOrDefault(fn, 0);
            shiftsBefore.put(p, shift);
            for (SimpleCommand c : p.commands()) {
                List<Word> words = c.words();
                for (Word a : c.assignments()) {
                    assign(a.value(), fn, shift);
                }
                String program = words.isEmpty() ? "" : words.get(0).value();
                if (DECLARERS.contains(program)) {
                    for (Word a : words.subList(1, words.size())) {
                        if (!a.value().startsWith("-")) {
                            assign(a.value(), fn, shift);
                        }
                    }
                } else if (program.equals("for")
                        && words.size() >= 3
                        && words.get(2).value().equals("in")) {
                    for (Word item : words.subList(3, words.size())) {
                        boolean quoted =
                                item.raw().startsWith("\"") || item.raw().startsWith("'");
                        variables
                                .computeIfAbsent(words.get(1).value(), k -> new ArrayList<>())
                                .add(new Source(item.value(), !quoted, fn, shift));
                    }
                } else if (program.equals("shift") && fn != null) {
                    int n = words.size() > 1 && words.get(1).value().matches("[1-9]")
                            ? words.get(1).value().charAt(0) - '0'
                            : 1;
                    shifts.merge(fn, n, Integer::sum);
                } else if (functions.contains(program)) {
                    calls.computeIfAbsent(program, k -> new ArrayList<>())
                            .add(words.subList(1, words.size()).stream()
                                    .map(Word::value)
                                    .toList());
                }
                for (Script sub : c.substitutions()) {
                    read(sub, new HashMap<>(), functions);
                }
            }
        }
    }

    private void assign(String assignment, String function, int shift) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = assignment.substring(0, eq);
        if (name.endsWith("+")) {
            name = name.substring(0, name.length() - 1);
        }
        if (NAME.matcher(name).matches()) {
            variables
                    .computeIfAbsent(name, k -> new ArrayList<>())
                    .add(new Source(assignment.substring(eq + 1), false, function, shift));
        }
    }

    /** Whether the script assigns this variable itself. */
    boolean assigns(String name) {
        return variables.containsKey(name);
    }

    /** The possible values of a word written at the top level of the script. */
    Set<String> expand(String word) {
        return expand(word, null, 0, 0);
    }

    /** The possible values of a word written in a pipeline of this script (positional parameters resolved). */
    Set<String> expand(String word, Pipeline where) {
        return expand(word, where == null ? null : where.function(), shiftsBefore.getOrDefault(where, 0), 0);
    }

    private Set<String> expand(String word, String function, int shift, int depth) {
        if (word.indexOf('$') < 0 && word.indexOf('`') < 0) {
            return Set.of(word);
        }
        Set<String> out = new LinkedHashSet<>();
        out.add("");
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < word.length()) {
            char ch = word.charAt(i);
            if (ch == '`') {
                int end = word.indexOf('`', i + 1);
                flush(out, literal);
                out = append(out, Set.of(String.valueOf(UNKNOWN)));
                i = end < 0 ? word.length() : end + 1;
                continue;
            }
            if (ch != '$' || i + 1 >= word.length()) {
                literal.append(ch);
                i++;
                continue;
            }
            char next = word.charAt(i + 1);
            Set<String> values;
            int end;
            if (next == '(') {
                end = balanced(word, i + 1);
                values = Set.of(String.valueOf(UNKNOWN));
            } else if (next == '{') {
                end = balanced(word, i + 1);
                values = braced(word.substring(i + 2, Math.max(i + 2, end - 1)), function, shift, depth);
            } else if (Character.isDigit(next)) {
                end = i + 2;
                values = positional(next - '0', function, shift, depth);
            } else if (Character.isLetter(next) || next == '_') {
                end = i + 1;
                while (end < word.length()
                        && (Character.isLetterOrDigit(word.charAt(end)) || word.charAt(end) == '_')) {
                    end++;
                }
                values = variable(word.substring(i + 1, end), function, shift, depth);
            } else if ("@*#?$!-".indexOf(next) >= 0) {
                end = i + 2;
                values = Set.of(String.valueOf(UNKNOWN));
            } else {
                literal.append(ch);
                i++;
                continue;
            }
            flush(out, literal);
            out = append(out, values);
            i = end;
        }
        flush(out, literal);
        return out;
    }

    private static void flush(Set<String> out, StringBuilder literal) {
        if (literal.length() == 0) {
            return;
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String s : out) {
            copy.add(s + literal);
        }
        out.clear();
        out.addAll(copy);
        literal.setLength(0);
    }

    /** Every combination of what came before and the next part, or the next part unknown past the bound. */
    private static Set<String> append(Set<String> before, Set<String> part) {
        Set<String> out = new LinkedHashSet<>();
        if ((long) before.size() * part.size() > MAX_VALUES) {
            for (String b : before) {
                out.add(b + UNKNOWN);
            }
            return out;
        }
        for (String b : before) {
            for (String p : part) {
                out.add(b + p);
            }
        }
        return out;
    }

    private Set<String> braced(String inner, String function, int shift, int depth) {
        int n = 0;
        while (n < inner.length() && (Character.isLetterOrDigit(inner.charAt(n)) || inner.charAt(n) == '_')) {
            n++;
        }
        String name = inner.substring(0, n);
        String op = inner.substring(n);
        if (name.isEmpty()) {
            return Set.of(String.valueOf(UNKNOWN));
        }
        Set<String> base;
        if (Character.isDigit(name.charAt(0))) {
            // ${1}…${99}; anything longer is no argument a function is called with here
            base = name.length() <= 2
                    ? positional(Integer.parseInt(name), function, shift, depth)
                    : Set.of(String.valueOf(UNKNOWN));
        } else {
            base = variable(name, function, shift, depth);
        }
        if (op.isEmpty()) {
            return base;
        }
        boolean unknown = base.stream().allMatch(v -> v.equals(String.valueOf(UNKNOWN)));
        if (op.startsWith(":-") || op.startsWith("-")) {
            String fallback = op.substring(op.startsWith(":-") ? 2 : 1);
            return unknown ? expand(fallback, function, shift, depth + 1) : base;
        }
        for (String trim : List.of("##", "#", "%%", "%")) {
            if (op.startsWith(trim)) {
                String glob = op.substring(trim.length());
                Set<String> out = new LinkedHashSet<>();
                for (String v : base) {
                    out.add(v.indexOf(UNKNOWN) >= 0 ? String.valueOf(UNKNOWN) : trim(v, glob, trim));
                }
                return out;
            }
        }
        return Set.of(String.valueOf(UNKNOWN));
    }

    /** {@code ${v#glob}}, {@code ${v##glob}}, {@code ${v%glob}}, {@code ${v%%glob}}. */
    static String trim(String value, String glob, String op) {
        Pattern p = Pattern.compile(globRegex(glob));
        boolean prefix = op.startsWith("#");
        boolean longest = op.length() == 2;
        int best = -1;
        for (int k = 0; k <= value.length(); k++) {
            String part = prefix ? value.substring(0, k) : value.substring(value.length() - k);
            if (p.matcher(part).matches()) {
                best = k;
                if (!longest) {
                    break;
                }
            }
        }
        if (best < 0) {
            return value;
        }
        return prefix ? value.substring(best) : value.substring(0, value.length() - best);
    }

    private static String globRegex(String glob) {
        StringBuilder r = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> r.append(".*");
                case '?' -> r.append('.');
                default -> r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return r.toString();
    }

    private Set<String> variable(String name, String function, int shift, int depth) {
        List<Source> sources = variables.get(name);
        String fromModel = model.expandAt(index, "${" + name + "}");
        boolean inModel = !fromModel.equals("${" + name + "}");
        if (depth >= MAX_DEPTH) {
            return Set.of(String.valueOf(UNKNOWN));
        }
        Set<String> out = new LinkedHashSet<>();
        if (inModel) {
            // the value the RUN starts with (an ARG or ENV; what it left unexpanded, such as ${X:-default} on an
            // ARG without a value, is expanded here)
            out.addAll(fromModel.indexOf('$') >= 0 ? expand(fromModel, null, 0, depth + 1) : Set.of(fromModel));
        }
        if (sources == null) {
            return out.isEmpty() ? Set.of(String.valueOf(UNKNOWN)) : out;
        }
        for (Source s : sources) {
            for (String v : expand(s.raw(), s.function(), s.shifts(), depth + 1)) {
                if (s.split()) {
                    for (String field : v.strip().split("\\s+")) {
                        if (!field.isEmpty()) {
                            out.add(field);
                        }
                    }
                } else {
                    out.add(v);
                }
                if (out.size() > MAX_VALUES) {
                    return Set.of(String.valueOf(UNKNOWN));
                }
            }
        }
        return out.isEmpty() ? Set.of("") : out;
    }

    private Set<String> positional(int n, String function, int shift, int depth) {
        if (function == null || n == 0 || depth >= MAX_DEPTH) {
            return Set.of(String.valueOf(UNKNOWN));
        }
        Set<String> out = new LinkedHashSet<>();
        for (List<String> args : calls.getOrDefault(function, List.of())) {
            int k = shift + n - 1;
            if (k < args.size()) {
                // the caller's words are expanded where the call is (outside the body: no positional context)
                out.addAll(expand(args.get(k), null, 0, depth + 1));
            } else {
                out.add("");
            }
            if (out.size() > MAX_VALUES) {
                return Set.of(String.valueOf(UNKNOWN));
            }
        }
        return out.isEmpty() ? Set.of(String.valueOf(UNKNOWN)) : out;
    }

    /** The end (exclusive) of the bracketed part that opens at {@code open}. */
    private static int balanced(String s, int open) {
        char o = s.charAt(open);
        char c = o == '(' ? ')' : '}';
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return k + 1;
            }
        }
        return s.length();
    }

    /** A value for people: the unknown parts written as {@code *}. */
    static String shown(String value) {
        return value.replace(UNKNOWN, '*');
    }

    /** Whether a value is known in full. */
    static boolean known(String value) {
        return value.indexOf(UNKNOWN) < 0;
    }
}
