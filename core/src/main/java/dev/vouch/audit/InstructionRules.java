package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Best-practice rules about instructions rather than shell commands, each with its hadolint equivalent. */
final class InstructionRules {
    private InstructionRules() {}

    /** DF103 (DL3000): WORKDIR with a relative path. */
    static final class RelativeWorkdir extends MappedRule {
        private static final Pattern WINDOWS = Pattern.compile("[A-Za-z]:[\\\\/].*");

        RelativeWorkdir() {
            super("DF103", Severity.LOW, "WORKDIR is a relative path", "DL3000");
        }

        public void check(AuditContext ctx) {
            for (Instruction in : ctx.model().dockerfile().instructions()) {
                if (in.command().equals("workdir") && !in.args().isEmpty()) {
                    String p = in.args().get(0).strip();
                    if (p.length() >= 2
                            && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("'") && p.endsWith("'"))) {
                        p = p.substring(1, p.length() - 1);
                    }
                    if (!p.startsWith("/")
                            && !p.startsWith("$")
                            && !WINDOWS.matcher(p).matches()) {
                        ctx.report(
                                in,
                                "WORKDIR " + p
                                        + " is relative: it depends on the WORKDIR before it; use an absolute path");
                    }
                }
            }
        }
    }

    /** DF104 (DL3020): ADD for a local file that is not an archive to unpack. */
    static final class AddForLocalFiles extends MappedRule {
        private static final Pattern ARCHIVE =
                Pattern.compile("(?i).*\\.(tar|gz|tgz|bz2|tbz2?|xz|txz|zst|tzst|lz|lzma|z)$");

        AddForLocalFiles() {
            super("DF104", Severity.LOW, "ADD used for a local file or directory", "DL3020");
        }

        public void check(AuditContext ctx) {
            for (Instruction in : ctx.model().dockerfile().instructions()) {
                if (!in.command().equals("add") || in.args().size() < 2) {
                    continue;
                }
                for (String src : in.args().subList(0, in.args().size() - 1)) {
                    String s = src.replace("\"", "").replace("'", "");
                    if (!s.matches("(?i)[a-z][a-z0-9+.-]*://.*")
                            && !ARCHIVE.matcher(s).matches()) {
                        ctx.report(
                                in,
                                "ADD " + s + ": use COPY for local files (ADD also fetches URLs and unpacks archives)");
                        break;
                    }
                }
            }
        }
    }

    /** DF105 (DL3025): CMD, ENTRYPOINT or HEALTHCHECK CMD in shell form. */
    static final class ShellFormCommand extends MappedRule {
        ShellFormCommand() {
            super("DF105", Severity.LOW, "CMD or ENTRYPOINT in shell form", "DL3025");
        }

        public void check(AuditContext ctx) {
            for (Instruction in : ctx.model().dockerfile().instructions()) {
                String c = in.command();
                boolean shell = (c.equals("cmd") || c.equals("entrypoint"))
                                && !in.json()
                                && !in.args().isEmpty()
                        || c.equals("healthcheck")
                                && in.args().size() >= 2
                                && in.args().get(0).equalsIgnoreCase("cmd")
                                && !in.json();
                if (shell) {
                    ctx.report(
                            in,
                            in.keyword().toUpperCase(Locale.ROOT) + " in shell form runs under /bin/sh -c, which"
                                    + " does not pass signals on; use the JSON form");
                }
            }
        }
    }

    /** DF107 (DL4000): MAINTAINER. */
    static final class Maintainer extends MappedRule {
        Maintainer() {
            super("DF107", Severity.INFO, "MAINTAINER is deprecated", "DL4000");
        }

        public void check(AuditContext ctx) {
            for (Instruction in : ctx.model().dockerfile().instructions()) {
                if (in.command().equals("maintainer")) {
                    ctx.report(in, "MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors=…");
                }
            }
        }
    }

    /** DF108 (DL4003) and DF109 (DL4004): more than one CMD or ENTRYPOINT in a stage; only the last counts. */
    static final class Repeated extends MappedRule {
        private final String command;

        Repeated(String id, String command, String hadolint) {
            super(id, Severity.LOW, "Several " + command.toUpperCase(Locale.ROOT) + " in one stage", hadolint);
            this.command = command;
        }

        public void check(AuditContext ctx) {
            int seen = 0;
            for (Instruction in : ctx.model().dockerfile().instructions()) {
                if (in.command().equals("from")) {
                    seen = 0;
                } else if (in.command().equals(command) && ++seen > 1) {
                    ctx.report(
                            in,
                            "another " + command.toUpperCase(Locale.ROOT) + " in the same stage: only the last one"
                                    + " takes effect");
                }
            }
        }
    }

    /** DF112 (DL3024): two stages with the same name. */
    static final class DuplicateStageName extends MappedRule {
        DuplicateStageName() {
            super("DF112", Severity.MEDIUM, "Two stages with the same name", "DL3024");
        }

        public void check(AuditContext ctx) {
            Set<String> names = new HashSet<>();
            for (Stage s : ctx.model().stages()) {
                if (s.name() != null && !names.add(s.name())) {
                    ctx.report(
                            s.from(),
                            "stage name " + s.name() + " is used twice: COPY --from=" + s.name()
                                    + " and --target become ambiguous");
                }
            }
        }
    }

    /** DF113 (DL3022): COPY --from a stage that is not defined before it. */
    static final class UnknownCopySource extends MappedRule {
        UnknownCopySource() {
            super("DF113", Severity.MEDIUM, "COPY --from names no earlier stage", "DL3022");
        }

        public void check(AuditContext ctx) {
            Set<String> names = new HashSet<>();
            int stages = 0;
            for (Instruction in : ctx.model().dockerfile().instructions()) {
                if (in.command().equals("from")) {
                    if (in.args().size() >= 3 && in.args().get(1).equalsIgnoreCase("as")) {
                        names.add(in.args().get(2).toLowerCase(Locale.ROOT));
                    }
                    stages++;
                    continue;
                }
                if (!in.command().equals("copy")) {
                    continue;
                }
                for (String f : in.flags()) {
                    if (!f.startsWith("--from=")) {
                        continue;
                    }
                    String ref = f.substring(7).toLowerCase(Locale.ROOT);
                    boolean index = ref.matches("\\d{1,4}") && Integer.parseInt(ref) < stages - 1;
                    boolean image = ref.contains(":") || ref.contains("/") || ref.contains("@");
                    if (!names.contains(ref) && !index && !image) {
                        ctx.report(in, "COPY --from=" + ref + " names no stage defined before it");
                    }
                }
            }
        }
    }

    /** DF115 (DL3011): EXPOSE of a port outside 0 to 65535. */
    static final class InvalidPort extends MappedRule {
        InvalidPort() {
            super("DF115", Severity.MEDIUM, "EXPOSE of a port outside 0-65535", "DL3011");
        }

        public void check(AuditContext ctx) {
            for (Instruction in : ctx.model().dockerfile().instructions()) {
                if (!in.command().equals("expose")) {
                    continue;
                }
                for (String a : in.args()) {
                    String ports = a.contains("/") ? a.substring(0, a.indexOf('/')) : a;
                    for (String p : ports.split("-")) {
                        if (p.matches("\\d{1,9}") && Long.parseLong(p) > 65535) {
                            ctx.report(in, "EXPOSE " + a + ": ports are 0 to 65535");
                            break;
                        }
                    }
                }
            }
        }
    }
}
