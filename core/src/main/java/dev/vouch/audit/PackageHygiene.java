package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import dev.vouch.shell.Pipeline;
import dev.vouch.shell.SimpleCommand;
import dev.vouch.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Package-manager hygiene rules, each with its hadolint equivalent: pinned versions, caches, pipefail. */
final class PackageHygiene {
    private PackageHygiene() {}

    /** The package arguments of an install command: not flags, not the values of flags that take one. */
    static List<String> packages(List<String> args, String verb, Set<String> flagsWithValue) {
        List<String> out = new ArrayList<>();
        boolean after = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!after) {
                after = a.equals(verb);
                if (flagsWithValue.contains(a)) {
                    i++;
                }
                continue;
            }
            if (flagsWithValue.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                out.add(a);
            }
        }
        return out;
    }

    /** Whether a RUN mounts a cache or tmpfs at a path, so that a package cache never lands in a layer. */
    static boolean cacheMounted(Instruction run, String target) {
        Instruction r = run.command().equals("onbuild") && run.trigger() != null ? run.trigger() : run;
        for (String f : r.flags()) {
            if (f.startsWith("--mount=")
                    && (f.contains("type=cache") || f.contains("type=tmpfs"))
                    && (f.contains("target=" + target)
                            || f.contains("dst=" + target)
                            || f.contains("destination=" + target))) {
                return true;
            }
        }
        return false;
    }

    /** DF116 (DL3018): apk add of a package without a version. */
    static final class ApkUnpinned extends MappedRule {
        ApkUnpinned() {
            super("DF116", Severity.LOW, "apk add without pinned versions", "DL3018");
        }

        public void check(AuditContext ctx) {
            Set<String> withValue =
                    Set.of("--virtual", "-t", "--repository", "-X", "--repositories-file", "--root", "-p");
            ctx.forEachRun((index, run, script) -> {
                for (SimpleCommand c : script.allCommands()) {
                    if (!Commands.program(c).equals("apk")) {
                        continue;
                    }
                    for (String p : packages(Commands.args(c), "add", withValue)) {
                        if (!p.matches(".*[=~<>].*") && !p.endsWith(".apk")) {
                            ctx.report(
                                    run,
                                    "apk add " + p + " installs whatever version is current; pin it (" + p
                                            + "=VERSION)");
                            return;
                        }
                    }
                }
            });
        }
    }

    /** DF117 (DL3008): apt-get install of a package without a version. */
    static final class AptUnpinned extends MappedRule {
        AptUnpinned() {
            super("DF117", Severity.LOW, "apt-get install without pinned versions", "DL3008");
        }

        public void check(AuditContext ctx) {
            Set<String> withValue = Set.of("-o", "--option", "-t", "--target-release", "-c", "--config-file");
            ctx.forEachRun((index, run, script) -> {
                for (SimpleCommand c : script.allCommands()) {
                    if (!Commands.program(c).equals("apt-get")) {
                        continue;
                    }
                    for (String p : packages(Commands.args(c), "install", withValue)) {
                        if (!p.contains("=") && !p.endsWith(".deb") && !p.startsWith("/") && !p.startsWith("./")) {
                            ctx.report(
                                    run,
                                    "apt-get install " + p + " installs whatever version is current; pin it (" + p
                                            + "=VERSION)");
                            return;
                        }
                    }
                }
            });
        }
    }

    /** DF118 (DL3019): apk add without --no-cache (and no cache mount), leaving the index in the layer. */
    static final class ApkCache extends MappedRule {
        ApkCache() {
            super("DF118", Severity.INFO, "apk add without --no-cache", "DL3019");
        }

        public void check(AuditContext ctx) {
            ctx.forEachRun((index, run, script) -> {
                if (cacheMounted(run, "/var/cache/apk")) {
                    return;
                }
                for (SimpleCommand c : script.allCommands()) {
                    List<String> args = Commands.args(c);
                    if (Commands.program(c).equals("apk") && args.contains("add") && !args.contains("--no-cache")) {
                        ctx.report(run, "apk add without --no-cache leaves the package index in the layer");
                        return;
                    }
                }
            });
        }
    }

    /** DF119 (DL3042): pip install without --no-cache-dir (or PIP_NO_CACHE_DIR, or a cache mount). */
    static final class PipCache extends MappedRule {
        private static final Set<String> TRUE = Set.of("1", "on", "yes", "true");

        PipCache() {
            super("DF119", Severity.INFO, "pip install without --no-cache-dir", "DL3042");
        }

        public void check(AuditContext ctx) {
            BuildModel m = ctx.model();
            List<Instruction> all = m.dockerfile().instructions();
            java.util.Map<Integer, Boolean> stageEnd = new java.util.HashMap<>();
            Boolean env = null;
            int stage = -1;
            for (int i = 0; i < all.size(); i++) {
                Instruction in = all.get(i);
                if (in.command().equals("from")) {
                    if (stage >= 0) {
                        stageEnd.put(stage, env);
                    }
                    stage++;
                    Stage s = stage < m.stages().size() ? m.stages().get(stage) : null;
                    env = s != null && s.baseStage() >= 0 ? stageEnd.get(s.baseStage()) : null;
                } else if (in.command().equals("env")) {
                    Boolean v = fromEnv(in);
                    env = v != null ? v : env;
                } else {
                    check(ctx, i, env);
                }
            }
        }

        private static Boolean fromEnv(Instruction env) {
            List<String> a = env.args();
            for (int k = 0; k + 1 < a.size(); k += 3) {
                if (a.get(k).equals("PIP_NO_CACHE_DIR")) {
                    return TRUE.contains(a.get(k + 1).toLowerCase(Locale.ROOT).replace("\"", ""));
                }
            }
            return null;
        }

        private void check(AuditContext ctx, int index, Boolean env) {
            var script = ctx.script(index);
            if (script == null) {
                return;
            }
            Instruction run = ctx.model().dockerfile().instructions().get(index);
            if (cacheMounted(run, "/root/.cache/pip")) {
                return;
            }
            Boolean exported = env;
            for (Pipeline p : script.pipelines()) {
                for (SimpleCommand c : p.commands()) {
                    List<String> argv = c.words().stream().map(Word::value).toList();
                    if (!argv.isEmpty() && argv.get(0).equals("export")) {
                        for (String a : argv) {
                            if (a.startsWith("PIP_NO_CACHE_DIR=")) {
                                exported = TRUE.contains(a.substring(17).toLowerCase(Locale.ROOT));
                            }
                        }
                        continue;
                    }
                    Boolean local = exported;
                    for (Word w : c.assignments()) {
                        if (w.value().startsWith("PIP_NO_CACHE_DIR=")) {
                            local = TRUE.contains(w.value().substring(17).toLowerCase(Locale.ROOT));
                        }
                    }
                    String prog = Commands.program(c);
                    List<String> args = Commands.args(c);
                    if (prog.matches("pip[0-9.]*")
                            && args.contains("install")
                            && !args.contains("--no-cache-dir")
                            && !Boolean.TRUE.equals(local)) {
                        ctx.report(
                                run, prog + " install without --no-cache-dir keeps pip's download cache in the layer");
                        return;
                    }
                }
            }
        }
    }

    /** DF120 (DL3009): apt lists downloaded by an update stay in a layer that ships. */
    static final class AptListsLeft extends MappedRule {
        AptListsLeft() {
            super("DF120", Severity.INFO, "apt lists not removed after apt-get update", "DL3009");
        }

        public void check(AuditContext ctx) {
            BuildModel m = ctx.model();
            List<Instruction> all = m.dockerfile().instructions();
            int stage = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).command().equals("from")) {
                    stage++;
                    continue;
                }
                boolean onbuild = all.get(i).command().equals("onbuild");
                if (!onbuild
                        && stage >= 0
                        && stage < m.stages().size()
                        && !m.shipped(m.stages().get(stage))) {
                    continue; // a stage nothing is built on does not ship (ONBUILD triggers run downstream)
                }
                var script = ctx.script(i);
                Instruction run = all.get(i);
                if (script == null
                        || cacheMounted(run, "/var/lib/apt/lists")
                        || cacheMounted(run, "/var/lib/apt") && cacheMounted(run, "/var/cache/apt")) {
                    continue;
                }
                boolean updated = false;
                boolean removed = false;
                for (SimpleCommand c : script.allCommands()) {
                    String prog = Commands.program(c);
                    List<String> args = Commands.args(c);
                    if ((prog.equals("apt-get") || prog.equals("apt") || prog.equals("aptitude"))
                            && args.contains("update")) {
                        updated = true;
                    }
                    if (prog.equals("rm") && args.stream().anyMatch(a -> a.startsWith("/var/lib/apt/lists"))) {
                        removed = true;
                    }
                }
                if (updated && !removed) {
                    ctx.report(
                            run,
                            "apt-get update without rm -rf /var/lib/apt/lists/* leaves the package lists in the"
                                    + " image");
                }
            }
        }
    }

    /** DF114 (DL4006): a RUN with a pipe under a shell without pipefail, so a failing first command goes unnoticed. */
    static final class Pipefail extends MappedRule {
        Pipefail() {
            super("DF114", Severity.LOW, "Pipe in RUN without pipefail", "DL4006");
        }

        public void check(AuditContext ctx) {
            List<Instruction> all = ctx.model().dockerfile().instructions();
            boolean pipefail = false;
            boolean posix = true;
            for (int i = 0; i < all.size(); i++) {
                Instruction in = all.get(i);
                switch (in.command()) {
                    case "from" -> {
                        pipefail = false;
                        posix = true;
                    }
                    case "shell" -> {
                        List<String> a = in.args();
                        String prog = a.isEmpty() ? "" : Commands.base(a.get(0).toLowerCase(Locale.ROOT));
                        posix = !(prog.startsWith("pwsh") || prog.startsWith("powershell") || prog.startsWith("cmd"));
                        boolean capable =
                                prog.equals("bash") || prog.equals("zsh") || prog.equals("ksh") || prog.equals("mksh");
                        boolean set = false;
                        for (int k = 1; k < a.size(); k++) {
                            if (a.get(k).equals("pipefail") && a.get(k - 1).matches("-[a-z]*o")) {
                                set = true;
                            }
                        }
                        pipefail = capable && set;
                    }
                    case "run" -> {
                        var script = ctx.script(i);
                        if (!posix || pipefail || script == null) {
                            continue;
                        }
                        boolean setInRun = false;
                        for (Pipeline p : script.pipelines()) {
                            SimpleCommand first = p.commands().get(0);
                            List<String> argv =
                                    first.words().stream().map(Word::value).toList();
                            if (!argv.isEmpty()
                                    && argv.get(0).equals("set")
                                    && String.join(" ", argv).matches(".*-[a-z]*o pipefail.*")) {
                                setInRun = true;
                            }
                            if (p.commands().size() > 1 && !setInRun) {
                                ctx.report(
                                        in,
                                        "a pipe in RUN under /bin/sh: the pipeline succeeds when its last command"
                                                + " does, even if the first failed; use SHELL [\"/bin/bash\", \"-o\", \"pipefail\","
                                                + " \"-c\"] or set -o pipefail");
                                break;
                            }
                        }
                    }
                    default -> {}
                }
            }
        }
    }
}
