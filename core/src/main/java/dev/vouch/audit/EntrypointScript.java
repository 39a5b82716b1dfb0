package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Severity;
import dev.vouch.shell.ShellParser;
import dev.vouch.shell.SimpleCommand;
import java.util.List;

/**
 * DF017: ENTRYPOINT or CMD runs a script the build copied in or downloaded: what every container runs first is that
 * file, so a reviewer should read it. The finding names where it came from.
 */
final class EntrypointScript implements AuditRule {
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public String id() {
        return "DF017";
    }

    public Severity severity() {
        return Severity.INFO;
    }

    public String title() {
        return "ENTRYPOINT or CMD runs a script the build brought in";
    }

    public void check(AuditContext ctx) {
        BuildModel m = ctx.model();
        Stage last = m.finalStage();
        if (last == null) {
            return;
        }
        for (Stage.Indexed si : last.instructions()) {
            Instruction in = si.instruction();
            if (!(in.command().equals("entrypoint") || in.command().equals("cmd"))
                    || in.args().isEmpty()) {
                continue;
            }
            String program = program(in);
            if (program == null || program.isEmpty()) {
                continue;
            }
            String source = null;
            for (String path : candidates(m, si.index(), m.expandAt(si.index(), program))) {
                source = source != null ? source : origin(ctx, last, si.index(), path);
            }
            if (source != null) {
                ctx.report(
                        in,
                        in.command().toUpperCase(java.util.Locale.ROOT) + " runs " + program + ", " + source
                                + ": read it before trusting the image");
            }
        }
    }

    /**
     * The paths a program name may mean: itself when it has a slash, else the file of that name in each PATH
     * directory (the stage's ENV PATH as far as the model knows it, then Docker's default).
     */
    private static List<String> candidates(BuildModel m, int index, String program) {
        if (program.contains("/")) {
            return List.of(program);
        }
        // an ENV PATH that extends $PATH does not know the base image's value: Docker's default stands in for it
        String path = m.expandAt(index, "${PATH}") + ":" + DEFAULT_PATH;
        List<String> out = new java.util.ArrayList<>();
        for (String dir : new java.util.LinkedHashSet<>(List.of(path.split(":")))) {
            if (dir.startsWith("/")) {
                out.add(dir.endsWith("/") ? dir + program : dir + "/" + program);
            }
        }
        return out;
    }

    /** The program an ENTRYPOINT/CMD starts: the first JSON element, or the first word of the shell form. */
    private static String program(Instruction in) {
        if (in.json()) {
            String first = in.args().get(0);
            if ((first.equals("/bin/sh") || first.equals("sh") || first.equals("bash") || first.equals("/bin/bash"))
                    && in.args().size() >= 2
                    && !in.args().get(1).startsWith("-")) {
                return in.args().get(1);
            }
            return first;
        }
        List<SimpleCommand> cs = ShellParser.parse(in.args().get(0)).allCommands();
        return cs.isEmpty()
                ? null
                : Commands.argv(cs.get(0)).stream().findFirst().orElse(null);
    }

    /** Where the file at {@code path} came from in this stage, or null when the build did not bring it in. */
    private static String origin(AuditContext ctx, Stage stage, int before, String path) {
        String base = Downloads.baseName(path);
        for (Stage.Indexed si : stage.instructions()) {
            if (si.index() >= before) {
                break;
            }
            Instruction in = si.instruction();
            if ((in.command().equals("copy") || in.command().equals("add"))
                    && in.args().size() >= 2) {
                List<String> a = in.args();
                String dest = ctx.model().expandAt(si.index(), a.get(a.size() - 1));
                for (String src : a.subList(0, a.size() - 1)) {
                    String s = ctx.model().expandAt(si.index(), src);
                    boolean into = dest.equals(path)
                            || dest.endsWith("/") && (dest + Downloads.baseName(s)).equals(path)
                            || Downloads.baseName(s).equals(base) && path.startsWith(dest);
                    if (into) {
                        String from = in.flags().stream()
                                .filter(f -> f.startsWith("--from="))
                                .findFirst()
                                .map(f -> " of stage/image " + f.substring(7))
                                .orElse(" of the build context");
                        return (s.matches("(?i)https?://.*")
                                        ? "downloaded by ADD from " + s
                                        : "copied from " + s + from)
                                + " at line " + in.startLine();
                    }
                }
            }
        }
        for (Downloads.Download d : Downloads.in(ctx, stage)) {
            if (d.index() < before
                    && d.file() != null
                    && (d.file().equals(path)
                            || Downloads.baseName(d.file()).equals(base) && path.endsWith("/" + base))) {
                return "downloaded from " + d.url() + " at line " + d.at().startLine();
            }
        }
        return null;
    }
}
