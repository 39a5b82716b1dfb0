package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * DF019: a single-stage build installs build tools (compilers, {@code build-essential}, {@code -dev} packages,
 * git) and leaves them in the image, where they serve an attacker as well as the build. A multi-stage build keeps
 * them out of the final image.
 */
final class BuildToolsLeftIn implements AuditRule {
    private static final Set<String> TOOLS = Set.of(
            "build-essential",
            "gcc",
            "g++",
            "make",
            "cmake",
            "clang",
            "autoconf",
            "automake",
            "libtool",
            "pkg-config",
            "pkgconf",
            "git",
            "alpine-sdk",
            "musl-dev",
            "gcc-c++",
            "binutils");

    public String id() {
        return "DF019";
    }

    public Severity severity() {
        return Severity.INFO;
    }

    public String title() {
        return "Build tools left in a single-stage image";
    }

    public void check(AuditContext ctx) {
        if (ctx.model().stages().size() != 1) {
            return;
        }
        Stage only = ctx.model().stages().get(0);
        Set<String> installed = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        List<dev.vouch.dockerfile.Instruction> at = new ArrayList<>();
        ctx.forEachRun((index, run, script) -> {
            for (SimpleCommand c : script.allCommands()) {
                String p = Commands.program(c);
                List<String> args = Commands.args(c);
                boolean install = (p.equals("apt-get")
                                        || p.equals("apt")
                                        || p.equals("yum")
                                        || p.equals("dnf")
                                        || p.equals("microdnf"))
                                && args.contains("install")
                        || p.equals("apk") && args.contains("add");
                boolean remove = (p.equals("apt-get") || p.equals("apt"))
                                && (args.contains("purge") || args.contains("remove"))
                        || (p.equals("yum") || p.equals("dnf")) && (args.contains("remove") || args.contains("erase"))
                        || p.equals("apk") && args.contains("del");
                if (install) {
                    boolean apt = p.startsWith("apt");
                    String virtual = apt ? "*apt*" : null;
                    for (int k = 0; k < args.size(); k++) {
                        if (!apt
                                && (args.get(k).equals("--virtual")
                                        || args.get(k).equals("-t"))
                                && k + 1 < args.size()) {
                            virtual = args.get(k + 1);
                        }
                    }
                    for (String a : args) {
                        if (!a.startsWith("-") && isTool(a) && !a.equals(virtual)) {
                            installed.add((virtual == null ? "" : virtual + ":") + a);
                            if (!at.contains(run)) {
                                at.add(run);
                            }
                        }
                    }
                }
                if (remove) {
                    removed.addAll(args);
                }
                // the official images' pattern: apt-mark the new packages auto, then purge --auto-remove
                if (p.equals("apt-mark") && args.contains("auto")
                        || (p.equals("apt-get") || p.equals("apt"))
                                && (args.contains("autoremove") || args.contains("--auto-remove"))) {
                    removed.add("*apt*");
                }
            }
        });
        List<String> left = new ArrayList<>();
        for (String i : installed) {
            int colon = i.indexOf(':');
            String group = colon < 0 ? null : i.substring(0, colon);
            String name = colon < 0 ? i : i.substring(colon + 1);
            if (!removed.contains(name) && (group == null || !removed.contains(group))) {
                left.add(name);
            }
        }
        if (!left.isEmpty() && !at.isEmpty() && only.index() == 0) {
            ctx.report(
                    at.get(0),
                    "build tools stay in the final image (" + String.join(", ", left)
                            + "); a multi-stage build leaves them behind");
        }
    }

    private static boolean isTool(String pkg) {
        String n = pkg.contains("=") ? pkg.substring(0, pkg.indexOf('=')) : pkg;
        return TOOLS.contains(n) || n.endsWith("-dev") || n.endsWith("-devel");
    }
}
