package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import dev.vouch.shell.SimpleCommand;
import dev.vouch.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * yum, dnf, microdnf and zypper: the package managers of RPM distributions (Fedora, RHEL and UBI, Amazon Linux,
 * openSUSE), held to what the apt and apk rules ask: answer their prompts, pin versions, leave no cache behind.
 */
final class RpmPackageManagers {
    private RpmPackageManagers() {}

    private static final Set<String> DNF = Set.of("yum", "dnf", "microdnf");
    private static final Set<String> CHANGES = Set.of(
            "install",
            "in",
            "reinstall",
            "rei",
            "update",
            "up",
            "upgrade",
            "upgrade-minimal",
            "up-min",
            "groupinstall",
            "localinstall",
            "remove",
            "rm",
            "erase",
            "patch",
            "dist-upgrade",
            "dup");
    private static final Set<String> DNF_WITH_VALUE = Set.of(
            "-c",
            "--config",
            "--installroot",
            "--releasever",
            "--repo",
            "--repoid",
            "--enablerepo",
            "--disablerepo",
            "-x",
            "--exclude",
            "--setopt",
            "--forcearch",
            "-d",
            "--debuglevel",
            "-e",
            "--errorlevel");
    private static final Set<String> ZYPPER_WITH_VALUE =
            Set.of("-r", "--repo", "--from", "-t", "--type", "--root", "-R", "--reposd-path", "-D", "--cache-dir");

    /** A package-manager call: the program and its words after the program, and the subcommand. */
    private record Call(String program, List<Word> words, int verbAt) {
        static Call of(SimpleCommand c) {
            List<String> argv = Commands.argv(c);
            if (argv.isEmpty()) {
                return null;
            }
            String prog = Commands.base(argv.get(0));
            if (!DNF.contains(prog) && !prog.equals("zypper")) {
                return null;
            }
            List<Word> all = c.words();
            List<Word> words = all.subList(all.size() - argv.size() + 1, all.size());
            Set<String> withValue = prog.equals("zypper") ? ZYPPER_WITH_VALUE : DNF_WITH_VALUE;
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i).value();
                if (w.startsWith("-")) {
                    i += withValue.contains(w) ? 1 : 0;
                    continue;
                }
                return new Call(prog, words, i);
            }
            return new Call(prog, words, -1);
        }

        String verb() {
            return verbAt < 0 ? "" : words.get(verbAt).value();
        }

        /** dnf/yum {@code group install} and {@code module install}: the verb is the second word. */
        String subject() {
            String v = verb();
            return (v.equals("group") || v.equals("module") || v.equals("groups")) && verbAt + 1 < words.size()
                    ? words.get(verbAt + 1).value()
                    : v;
        }

        boolean changes() {
            return CHANGES.contains(subject());
        }

        boolean has(String... flags) {
            for (Word w : words) {
                for (String f : flags) {
                    if (w.value().equals(f)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** DF125 (DL3030, DL3034, DL3038): a yum/dnf/zypper change without its assume-yes flag waits for an answer. */
    static final class AssumeYes extends MappedRule {
        AssumeYes() {
            super("DF125", Severity.LOW, "yum, dnf or zypper without assume-yes", "DL3030", "DL3034", "DL3038");
        }

        public void check(AuditContext ctx) {
            ctx.forEachRun((index, run, script) -> {
                for (SimpleCommand c : script.allCommands()) {
                    Call call = Call.of(c);
                    // microdnf assumes yes unless told --assumeno: the official openjdk images install without -y
                    if (call == null || !call.changes() || call.program().equals("microdnf")) {
                        continue;
                    }
                    boolean yes = call.program().equals("zypper")
                            ? call.has("-n", "--non-interactive", "-y", "--no-confirm")
                            : call.has("-y", "--assumeyes");
                    if (!yes) {
                        ctx.report(
                                run,
                                call.program() + " " + call.verb() + " without "
                                        + (call.program().equals("zypper") ? "-n" : "-y")
                                        + " stops at a question the build cannot answer");
                        return;
                    }
                }
            });
        }
    }

    /** DF126 (DL3032, DL3036, DL3040): the metadata and package cache of yum/dnf/zypper stays in the layer. */
    static final class CacheLeft extends MappedRule {
        private static final List<String> DNF_CACHES =
                List.of("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5");
        private static final List<String> ZYPPER_CACHES = List.of("/var/cache/zypp");

        CacheLeft() {
            super("DF126", Severity.INFO, "yum, dnf or zypper cache not cleaned", "DL3032", "DL3036", "DL3040");
        }

        public void check(AuditContext ctx) {
            ctx.forEachRun((index, run, script) -> {
                String dirty = null; // the manager whose cache the RUN filled and has not cleaned since
                for (SimpleCommand c : script.allCommands()) {
                    Call call = Call.of(c);
                    if (call != null && call.changes() && !mounted(run, caches(call.program()))) {
                        dirty = call.program();
                    } else if (dirty != null && cleans(c, call, dirty)) {
                        dirty = null;
                    }
                }
                if (dirty != null) {
                    ctx.report(
                            run,
                            dirty + " leaves its package cache in the layer: end the RUN with " + dirty
                                    + (dirty.equals("zypper") ? " clean" : " clean all"));
                }
            });
        }

        private static List<String> caches(String program) {
            return program.equals("zypper") ? ZYPPER_CACHES : DNF_CACHES;
        }

        private static boolean mounted(Instruction run, List<String> dirs) {
            return dirs.stream().anyMatch(d -> PackageHygiene.cacheMounted(run, d));
        }

        private static boolean cleans(SimpleCommand c, Call call, String dirty) {
            boolean zypper = dirty.equals("zypper");
            if (call != null) {
                // dnf and microdnf keep separate caches: each must clean its own
                return call.program().equals(dirty)
                        && (call.verb().equals("clean") || zypper && call.verb().equals("cc"));
            }
            return Commands.program(c).equals("rm")
                    && Commands.args(c).stream()
                            .anyMatch(a -> caches(dirty).stream().anyMatch(a::startsWith));
        }
    }

    /** DF127 (DL3033, DL3037, DL3041): a yum/dnf/zypper install of a package without a version. */
    static final class Unpinned extends MappedRule {
        Unpinned() {
            super(
                    "DF127",
                    Severity.LOW,
                    "yum, dnf or zypper install without pinned versions",
                    "DL3033",
                    "DL3037",
                    "DL3041");
        }

        public void check(AuditContext ctx) {
            ctx.forEachRun((index, run, script) -> {
                for (SimpleCommand c : script.allCommands()) {
                    Call call = Call.of(c);
                    if (call == null || !Set.of("install", "in").contains(call.subject())) {
                        continue;
                    }
                    boolean module = call.verb().equals("module");
                    if (call.verb().startsWith("group")) {
                        continue; // groups have no versions
                    }
                    for (String p : packages(ctx.model(), index, call, module ? 2 : 1)) {
                        if (!pinned(p, call.program(), module)) {
                            ctx.report(
                                    run,
                                    call.program() + " install " + p + " installs whatever version the repository"
                                            + " serves; pin it (" + p
                                            + (call.program().equals("zypper") ? "=" : "-")
                                            + "VERSION)");
                            return;
                        }
                    }
                }
            });
        }

        /**
         * The package operands, with the ARGs and ENVs the Dockerfile sets expanded; a word with a variable the
         * Dockerfile does not set (the base image may) is not judged.
         */
        private static List<String> packages(BuildModel m, int index, Call call, int skip) {
            Set<String> withValue = call.program().equals("zypper") ? ZYPPER_WITH_VALUE : DNF_WITH_VALUE;
            List<String> out = new ArrayList<>();
            List<Word> w = call.words();
            for (int i = call.verbAt() + skip; i < w.size(); i++) {
                String v = w.get(i).value();
                if (v.startsWith("-")) {
                    i += withValue.contains(v) ? 1 : 0;
                    continue;
                }
                String p = w.get(i).dynamic() ? m.expandAt(index, w.get(i).raw()) : v;
                if (!p.contains("$")) {
                    out.add(p);
                }
            }
            return out;
        }

        private static boolean pinned(String p, String program, boolean module) {
            if (module) {
                return p.contains(":");
            }
            if (p.endsWith(".rpm") || p.contains("/")) {
                return true;
            }
            if (program.equals("zypper")) {
                return p.matches(".*[=<>].*");
            }
            // name-version[-release]: a dash followed by a digit, possibly after an epoch (openssl-1:1.1.1k)
            return p.matches(".+-[0-9].*");
        }
    }
}
