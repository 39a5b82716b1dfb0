package dev.vouch.audit;

import dev.vouch.shell.SimpleCommand;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What the rules know about common commands: wrappers to look through, short-flag clusters, interpreters. */
final class Commands {
    private Commands() {}

    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final Pattern VERSIONED_INTERPRETER = Pattern.compile("(python|perl|ruby|php|node)[0-9.]*");
    private static final Pattern SHORT_CLUSTER = Pattern.compile("-[A-Za-z0-9]+");
    private static final Pattern WGET_STDOUT = Pattern.compile("-[a-zA-Z]*O-");
    static final Pattern WGET_O = Pattern.compile("-[a-zA-Z]*O");
    static final Pattern CURL_O = Pattern.compile("-[a-zA-Z]*o");

    static final Set<String> WRAPPERS =
            Set.of("sudo", "env", "nice", "nohup", "time", "command", "exec", "gosu", "su-exec");
    static final Set<String> INTERPRETERS = Set.of(
            "sh",
            "bash",
            "zsh",
            "ash",
            "dash",
            "ksh",
            "busybox",
            "python",
            "python2",
            "python3",
            "perl",
            "ruby",
            "node",
            "php",
            "pwsh",
            "powershell");

    /** The words of a command after wrappers ({@code sudo -E}, {@code env A=b}) are skipped. */
    static List<String> argv(SimpleCommand c) {
        List<String> words = c.words().stream().map(w -> w.value()).toList();
        int i = 0;
        while (i < words.size() && WRAPPERS.contains(base(words.get(i)))) {
            i++;
            while (i < words.size()
                    && (words.get(i).startsWith("-")
                            || ASSIGNMENT.matcher(words.get(i)).matches())) {
                i++;
            }
        }
        return words.subList(i, words.size());
    }

    /** The arguments after the program, wrappers skipped; empty when there is no program. */
    static List<String> args(SimpleCommand c) {
        List<String> argv = argv(c);
        return argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
    }

    /** The program of a command after wrappers, without its directory; "" when there is none. */
    static String program(SimpleCommand c) {
        List<String> argv = argv(c);
        return argv.isEmpty() ? "" : base(argv.get(0));
    }

    static String base(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Whether an interpreter (a shell, python, perl…) possibly with a version suffix such as python3.12. */
    static boolean interpreter(String program) {
        return INTERPRETERS.contains(program)
                || VERSIONED_INTERPRETER.matcher(program).matches();
    }

    /**
     * Whether the arguments carry a flag: a long one ({@code --insecure}, {@code --insecure=…}) or a short one,
     * alone or in a cluster ({@code -fsSLk} has {@code -k}).
     */
    static boolean hasFlag(List<String> args, String longFlag, char shortFlag) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (longFlag != null && (a.equals(longFlag) || a.startsWith(longFlag + "="))) {
                return true;
            }
            if (shortFlag != 0
                    && a.startsWith("-")
                    && !a.startsWith("--")
                    && a.length() > 1
                    && SHORT_CLUSTER.matcher(a).matches()
                    && a.indexOf(shortFlag, 1) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether a download tool writes what it downloads to stdout (so it can feed a pipe). */
    static boolean downloadsToStdout(SimpleCommand c) {
        String p = program(c);
        List<String> args = args(c);
        if (p.equals("curl")) {
            return !hasFlag(args, "--output", 'o')
                    && !hasFlag(args, "--remote-name", 'O')
                    && !hasFlag(args, "--remote-name-all", (char) 0)
                    && !hasFlag(args, "--output-dir", (char) 0);
        }
        if (p.equals("wget")) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("-O-")
                        || a.equals("--output-document=-")
                        || WGET_STDOUT.matcher(a).matches()) {
                    return true;
                }
                if ((a.equals("-O") || WGET_O.matcher(a).matches() || a.equals("--output-document"))
                        && i + 1 < args.size()
                        && args.get(i + 1).equals("-")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a command downloads from a URL (curl, wget, fetch, aria2c). */
    static boolean downloader(SimpleCommand c) {
        String p = program(c);
        return p.equals("curl") || p.equals("wget") || p.equals("fetch") || p.equals("aria2c");
    }
}
