package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.SimpleCommand;
import dev.vouch.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Language package managers asked for a package without a version: pip, npm (and yarn, pnpm), gem, go. What
 * such a command installs is whatever the index serves on the day of the build, so the image that was reviewed
 * is not the one the next build ships.
 */
final class LanguagePackagesUnpinned {
    private LanguagePackagesUnpinned() {}

    /** One command's words after wrappers, with whether each was dynamic (held an unexpanded variable). */
    private record Argv(List<String> words, List<Boolean> dynamic) {
        static Argv of(SimpleCommand c) {
            List<String> argv = Commands.argv(c);
            List<Word> all = c.words();
            List<Boolean> dyn = new ArrayList<>();
            for (Word w : all.subList(all.size() - argv.size(), all.size())) {
                dyn.add(w.dynamic());
            }
            return new Argv(argv, dyn);
        }

        String program() {
            return words.isEmpty() ? "" : Commands.base(words.get(0));
        }
    }

    /**
     * The operands of a subcommand: the words after the first operand equal to {@code verb}, without options,
     * without the values of options that take one, without dynamic words (a variable's value is not known), and
     * nothing after {@code --}.
     */
    static List<String> operands(Argv argv, int from, Set<String> verbs, Set<String> optionsWithValue) {
        List<String> out = new ArrayList<>();
        boolean after = false;
        List<String> w = argv.words();
        for (int i = from; i < w.size(); i++) {
            String a = w.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("-")) {
                if (optionsWithValue.contains(a)) {
                    i++;
                }
                continue;
            }
            if (!after) {
                if (!verbs.contains(a)) {
                    return List.of();
                }
                after = true;
                continue;
            }
            if (!argv.dynamic().get(i)) {
                out.add(a);
            }
        }
        return out;
    }

    /** DF121 (DL3013): pip or pipx installs a package without a version. */
    static final class Pip extends MappedRule {
        private static final Set<String> WITH_VALUE = Set.of(
                "-i",
                "--index-url",
                "--extra-index-url",
                "-f",
                "--find-links",
                "-t",
                "--target",
                "--prefix",
                "--root",
                "-b",
                "--build",
                "--src",
                "-e",
                "--editable",
                "--platform",
                "--python-version",
                "--implementation",
                "--abi",
                "--no-binary",
                "--only-binary",
                "--progress-bar",
                "--proxy",
                "--trusted-host",
                "--upgrade-strategy",
                "--root-user-action",
                "--cache-dir",
                "--log",
                "--timeout",
                "--retries",
                "--exists-action",
                "--cert",
                "--client-cert",
                "--global-option",
                "--config-settings",
                "--report",
                "--python",
                "--pip-args",
                "--suffix");
        private static final List<String> OPERATORS = List.of("==", ">=", "<=", "!=", "~=", ">", "<");

        Pip() {
            super("DF121", Severity.LOW, "pip install without pinned versions", "DL3013");
        }

        public void check(AuditContext ctx) {
            ctx.forEachRun((index, run, script) -> {
                for (SimpleCommand c : script.allCommands()) {
                    Argv argv = Argv.of(c);
                    List<String> w = argv.words();
                    String prog = argv.program();
                    int from;
                    if (prog.matches("pip[0-9.]*|pipx")) {
                        from = 1;
                    } else if (Commands.interpreter(prog)
                            && prog.startsWith("python")
                            && w.size() > 2
                            && w.get(1).equals("-m")
                            && w.get(2).matches("pip[0-9.]*")) {
                        from = 3;
                    } else {
                        continue;
                    }
                    List<String> args = w.subList(from, w.size());
                    if (args.contains("-r")
                            || args.contains("--requirement")
                            || args.stream().anyMatch(a -> a.startsWith("--requirement=") || a.startsWith("-r"))
                            || Commands.hasFlag(args, "--constraint", 'c')) {
                        continue;
                    }
                    for (String p : operands(argv, from, Set.of("install"), WITH_VALUE)) {
                        if (!pinned(p)) {
                            ctx.report(
                                    run,
                                    prog + " install " + p + " installs whatever version the index serves; pin it (" + p
                                            + "==VERSION) or install from a requirements file with hashes");
                            return;
                        }
                    }
                }
            });
        }

        private static boolean pinned(String p) {
            if (OPERATORS.stream().anyMatch(p::contains)) {
                return true;
            }
            boolean vcs = p.matches("(git|hg|svn|bzr)(\\+[a-z-]+)?:.*");
            if (vcs) {
                // git+https://host/repo.git@REF#egg=name: the ref sits after the last slash
                String path = p.contains("#") ? p.substring(0, p.indexOf('#')) : p;
                return path.substring(path.lastIndexOf('/') + 1).contains("@");
            }
            // a local file or directory, or a URL: what it holds is fixed by the build context or checked by DF004
            return p.equals(".")
                    || p.contains("/")
                    || p.endsWith(".whl")
                    || p.endsWith(".tar.gz")
                    || p.endsWith(".zip");
        }
    }

    /** DF122 (DL3016): npm, yarn or pnpm adds a package without a version. */
    static final class Npm extends MappedRule {
        private static final Set<String> WITH_VALUE = Set.of(
                "--registry",
                "--loglevel",
                "--prefix",
                "--cache",
                "--userconfig",
                "--globalconfig",
                "--omit",
                "--include",
                "--tag",
                "-w",
                "--workspace",
                "--install-strategy",
                "--location",
                "--before",
                "--scope",
                "--otp",
                "--proxy",
                "--https-proxy",
                "--cafile",
                "--network-timeout",
                "--cwd",
                "--filter",
                "--dir",
                "-C");
        private static final List<String> PATHS = List.of("/", "./", "../", "~/");
        private static final List<String> TARBALLS = List.of(".tar", ".tar.gz", ".tgz");

        Npm() {
            super("DF122", Severity.LOW, "npm install without pinned versions", "DL3016");
        }

        public void check(AuditContext ctx) {
            ctx.forEachRun((index, run, script) -> {
                for (SimpleCommand c : script.allCommands()) {
                    Argv argv = Argv.of(c);
                    List<String> w = argv.words();
                    List<String> packages;
                    switch (argv.program()) {
                        case "npm" -> packages = operands(argv, 1, Set.of("install", "i", "add"), WITH_VALUE);
                        case "pnpm" -> packages = operands(argv, 1, Set.of("add"), WITH_VALUE);
                        case "yarn" ->
                            packages = operands(
                                    argv, w.size() > 1 && w.get(1).equals("global") ? 2 : 1, Set.of("add"), WITH_VALUE);
                        default -> packages = List.of();
                    }
                    for (String p : packages) {
                        if (!pinned(p)) {
                            ctx.report(
                                    run,
                                    argv.program() + " installs " + p
                                            + " at whatever version the registry serves; pin it (" + p
                                            + "@VERSION) or install from a lock file (npm ci)");
                            return;
                        }
                    }
                }
            });
        }

        private static boolean pinned(String p) {
            if (p.matches("git(\\+[a-z]+)?://.*")) {
                return p.contains("#");
            }
            if (TARBALLS.stream().anyMatch(p::endsWith) || PATHS.stream().anyMatch(p::startsWith)) {
                return true;
            }
            String unscoped = p.startsWith("@") && p.indexOf('/') > 0 ? p.substring(p.indexOf('/')) : p;
            return unscoped.contains("@");
        }
    }

    /** DF123 (DL3028): gem install without a version. */
    static final class Gem extends MappedRule {
        private static final Set<String> WITH_VALUE = Set.of(
                "-i",
                "--install-dir",
                "-n",
                "--bindir",
                "--document",
                "--build-root",
                "-s",
                "--source",
                "--platform",
                "-g",
                "--file",
                "--without",
                "-P",
                "--trust-policy");
        private static final Set<String> BOOLEAN_VALUES = Set.of("true", "false");

        Gem() {
            super("DF123", Severity.LOW, "gem install without pinned versions", "DL3028");
        }

        public void check(AuditContext ctx) {
            ctx.forEachRun((index, run, script) -> {
                for (SimpleCommand c : script.allCommands()) {
                    Argv argv = Argv.of(c);
                    if (!argv.program().equals("gem")) {
                        continue;
                    }
                    List<String> args = argv.words().subList(1, argv.words().size());
                    if (Commands.hasFlag(args, "--version", 'v')) {
                        continue;
                    }
                    List<String> ops = operands(argv, 1, Set.of("install", "i"), WITH_VALUE);
                    for (int k = 0; k < ops.size(); k++) {
                        String p = ops.get(k);
                        // `--some-build-option true` before `--`: the value of an option gem passes on, not a gem
                        if (BOOLEAN_VALUES.contains(p) || p.contains(":")) {
                            continue;
                        }
                        ctx.report(
                                run,
                                "gem install " + p + " installs whatever version rubygems serves; pin it (" + p
                                        + ":VERSION) or use a Gemfile.lock");
                        return;
                    }
                }
            });
        }
    }

    /** DF124 (DL3062): go install, go get or go run of a module without a version (or at latest). */
    static final class Go extends MappedRule {
        private static final Set<String> WITH_VALUE = Set.of(
                "-o",
                "-ldflags",
                "-gcflags",
                "-asmflags",
                "-gccgoflags",
                "-tags",
                "-mod",
                "-modfile",
                "-p",
                "-pkgdir",
                "-toolexec",
                "-buildmode",
                "-compiler",
                "-installsuffix",
                "-overlay",
                "-pgo",
                "-C",
                "-exec");
        private static final Set<String> MOVING = Set.of("latest", "master", "main", "HEAD", "upgrade", "patch");

        Go() {
            super("DF124", Severity.LOW, "go install without a pinned module version", "DL3062");
        }

        public void check(AuditContext ctx) {
            ctx.forEachRun((index, run, script) -> {
                for (SimpleCommand c : script.allCommands()) {
                    Argv argv = Argv.of(c);
                    List<String> w = argv.words();
                    if (!argv.program().equals("go") || w.size() < 2) {
                        continue;
                    }
                    String verb = w.get(1);
                    if (!Set.of("install", "get", "run").contains(verb)) {
                        continue;
                    }
                    List<String> ops = operands(argv, 1, Set.of(verb), WITH_VALUE);
                    // go run's first operand is the package; what follows is the program's own arguments
                    for (String p : verb.equals("run") && !ops.isEmpty() ? ops.subList(0, 1) : ops) {
                        if (p.startsWith(".") || p.startsWith("/")) {
                            continue;
                        }
                        int at = p.lastIndexOf('@');
                        if (at < 0 || MOVING.contains(p.substring(at + 1))) {
                            ctx.report(
                                    run,
                                    "go " + verb + " " + p + " builds whatever version the module proxy serves"
                                            + " today; pin it (" + (at < 0 ? p : p.substring(0, at))
                                            + "@vX.Y.Z)");
                            return;
                        }
                    }
                }
            });
        }
    }
}
