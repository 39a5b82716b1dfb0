package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.shell.Pipeline;
import dev.vouch.shell.Script;
import dev.vouch.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The downloads a Dockerfile makes and the checks it runs on them: what DF004 compares. A download is a URL
 * fetched by curl, wget or ADD, a git clone, or a pip install from a URL; a check is a checksum comparison
 * ({@code sha256sum -c}, a hash compared in a test) or a signature verification ({@code gpg --verify},
 * {@code gpgv}, {@code cosign verify-blob}, {@code minisign -V}).
 */
final class Downloads {
    private Downloads() {}

    private static final Pattern URL = Pattern.compile("(?i)(https?|ftp)://.*", Pattern.DOTALL);
    private static final Pattern GIT_URL = Pattern.compile("(?i).*\\.git(#.*)?$");
    private static final Pattern PIP = Pattern.compile("pip[0-9.]*");
    private static final Pattern PIP_URL = Pattern.compile("(?i)(git\\+)?(https?|ftp)://.*", Pattern.DOTALL);
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
    private static final Pattern COMMIT_VARIABLE = Pattern.compile("\\$\\{?[A-Z_]*(COMMIT|SHA|REV)[A-Z_]*}?");
    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private static final Set<String> SUMS =
            Set.of("sha256sum", "sha512sum", "sha384sum", "sha224sum", "sha1sum", "md5sum", "shasum", "b2sum", "cksum");
    private static final Set<String> KEY_CONSUMERS = Set.of("gpg", "gpg2", "apt-key", "rpm", "rpmkeys");

    /**
     * A download.
     *
     * @param index the instruction's index
     * @param at the instruction
     * @param tool curl, wget, ADD, git, pip
     * @param url what is fetched (ARG/ENV expanded where known)
     * @param file the name it is saved as, or null (to stdout, or unknown)
     * @param pinned whether it pins itself (ADD --checksum, pip #sha256=, git checkout of a full commit)
     * @param runBy the interpreter it is piped into as it arrives (DF006's case), or null
     */
    record Download(int index, Instruction at, String tool, String url, String file, boolean pinned, String runBy) {}

    /** A check: what it names (file names, URLs) and where it runs. */
    record Check(int index, String kind, List<String> mentions) {}

    static List<Download> in(AuditContext ctx, Stage stage) {
        List<Download> out = new ArrayList<>();
        for (Stage.Indexed si : stage.instructions()) {
            Instruction in = si.instruction();
            int index = si.index();
            if (in.command().equals("add")) {
                boolean checksum = in.flags().stream().anyMatch(f -> f.startsWith("--checksum="));
                List<String> args = in.args();
                for (int k = 0; k < args.size() - 1; k++) {
                    String url = ctx.model().expandAt(index, args.get(k));
                    if (URL.matcher(url).matches() && !GIT_URL.matcher(url).matches()) {
                        out.add(new Download(index, in, "ADD", url, baseName(url), checksum, null));
                    }
                }
            }
            Script script = ctx.script(index);
            if (script == null) {
                continue;
            }
            List<SimpleCommand> all = script.allCommands();
            for (Pipeline p : script.pipelines()) {
                for (int c = 0; c < p.commands().size(); c++) {
                    SimpleCommand cmd = p.commands().get(c);
                    String prog = Commands.program(cmd);
                    if (prog.equals("curl") || prog.equals("wget")) {
                        String url = firstUrl(ctx, index, Commands.args(cmd));
                        if (url == null) {
                            continue;
                        }
                        boolean stdout = Commands.downloadsToStdout(cmd);
                        String runBy = null;
                        if (stdout) {
                            // piped into a key import it is a key (DF009), not an artifact
                            List<String> after = p.commands().stream()
                                    .skip(c + 1)
                                    .map(Commands::program)
                                    .toList();
                            if (after.stream().anyMatch(KEY_CONSUMERS::contains)) {
                                continue;
                            }
                            runBy = after.stream()
                                    .filter(Commands::interpreter)
                                    .findFirst()
                                    .orElse(null);
                        }
                        String file = stdout ? null : outputName(prog, Commands.args(cmd), url, ctx, index);
                        out.add(new Download(index, in, prog, url, file, false, runBy));
                    } else if (prog.equals("git") && Commands.args(cmd).contains("clone")) {
                        String url = firstUrl(ctx, index, Commands.args(cmd));
                        if (url != null) {
                            out.add(new Download(index, in, "git", url, null, gitPinned(ctx, stage, all), null));
                        }
                    } else if (PIP.matcher(prog).matches() && Commands.args(cmd).contains("install")) {
                        for (String a : Commands.args(cmd)) {
                            String v = ctx.model().expandAt(index, a);
                            if (PIP_URL.matcher(v).matches()) {
                                boolean pinned = v.contains("#sha256=")
                                        || Commands.args(cmd).contains("--require-hashes");
                                out.add(new Download(index, in, "pip", v, null, pinned, null));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    static List<Check> checks(AuditContext ctx, Stage stage) {
        List<Check> out = new ArrayList<>();
        for (Stage.Indexed si : stage.instructions()) {
            Script script = ctx.script(si.index());
            if (script == null) {
                continue;
            }
            collect(ctx, si.index(), script, false, out);
        }
        return out;
    }

    private static void collect(AuditContext ctx, int index, Script script, boolean inSubstitution, List<Check> out) {
        for (Pipeline p : script.pipelines()) {
            List<String> piped = new ArrayList<>();
            for (int c = 0; c < p.commands().size(); c++) {
                SimpleCommand cmd = p.commands().get(c);
                String prog = Commands.program(cmd);
                List<String> args = Commands.args(cmd);
                List<String> mentions = new ArrayList<>();
                for (String a : args) {
                    mentions.add(a);
                    mentions.add(ctx.model().expandAt(index, a));
                }
                if (SUMS.contains(prog)) {
                    boolean check =
                            Commands.hasFlag(args, "--check", 'c') || (prog.equals("shasum") && args.contains("-c"));
                    boolean compared = inSubstitution || c < p.commands().size() - 1;
                    if (check || compared) {
                        mentions.addAll(piped);
                        out.add(new Check(index, "checksum", mentions));
                    }
                } else if ((prog.equals("gpg") || prog.equals("gpg2"))
                                && args.stream().anyMatch(a -> a.equals("--verify"))
                        || prog.equals("gpgv")
                        || prog.equals("cosign") && args.contains("verify-blob")
                        || prog.equals("minisign") && args.contains("-V")
                        || prog.equals("signify") && args.contains("-V")
                        || prog.equals("openssl") && args.contains("dgst") && args.contains("-verify")) {
                    out.add(new Check(index, "signature", mentions));
                }
                if (prog.equals("echo")
                        || prog.equals("printf")
                        || prog.equals("cat")
                        || prog.equals("grep")
                        || prog.equals("awk")
                        || prog.equals("sed")) {
                    piped.addAll(mentions);
                    for (var r : cmd.redirects()) {
                        if (r.heredoc() != null) {
                            piped.add(r.heredoc());
                        }
                    }
                }
                for (Script sub : cmd.substitutions()) {
                    collect(ctx, index, sub, true, out);
                }
            }
        }
    }

    /** Whether a check names the download's file (or, when the name is unknown, runs in the same RUN). */
    static boolean verifies(Check check, Download d) {
        if (check.index() < d.index()) {
            return false;
        }
        if (d.file() == null) {
            return check.index() == d.index();
        }
        String name = plainVariables(d.file());
        String base = baseName(name);
        for (String mention : check.mentions()) {
            String m = plainVariables(mention);
            if (m.contains(name) || (!base.isEmpty() && m.contains(base))) {
                return true;
            }
        }
        // a checksum file (SHA256SUMS) lists names vouch cannot read: any -c check in the same RUN counts
        return check.kind().equals("checksum")
                && check.index() == d.index()
                && check.mentions().stream()
                        .anyMatch(m -> m.toUpperCase(Locale.ROOT).contains("SUM"));
    }

    private static boolean gitPinned(AuditContext ctx, Stage stage, List<SimpleCommand> commands) {
        for (SimpleCommand c : commands) {
            if (!Commands.program(c).equals("git")) {
                continue;
            }
            List<String> args = Commands.args(c);
            if (args.contains("checkout") || args.contains("reset") || args.contains("switch")) {
                for (String a : args) {
                    String v = ctx.model()
                            .expandAt(
                                    stage.instructions().isEmpty()
                                            ? 0
                                            : stage.instructions().get(0).index(),
                                    a);
                    if (COMMIT.matcher(v).matches()
                            || COMMIT_VARIABLE.matcher(a).matches()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String firstUrl(AuditContext ctx, int index, List<String> args) {
        for (String a : args) {
            String v = ctx.model().expandAt(index, a);
            if (URL.matcher(v).matches()) {
                return v;
            }
        }
        return null;
    }

    private static String outputName(String prog, List<String> args, String url, AuditContext ctx, int index) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean curlOut = prog.equals("curl")
                    && (a.equals("-o")
                            || a.equals("--output")
                            || Commands.CURL_O.matcher(a).matches());
            boolean wgetOut = prog.equals("wget")
                    && (a.equals("-O") || Commands.WGET_O.matcher(a).matches());
            if ((curlOut || wgetOut) && i + 1 < args.size()) {
                return ctx.model().expandAt(index, args.get(i + 1));
            }
            if (a.startsWith("--output=") || a.startsWith("--output-document=")) {
                return ctx.model().expandAt(index, a.substring(a.indexOf('=') + 1));
            }
        }
        return baseName(url);
    }

    /** {@code ${name}} written as {@code $name}, so that both spellings of a variable compare equal. */
    static String plainVariables(String s) {
        return s.indexOf("${") < 0 ? s : BRACED.matcher(s).replaceAll("\\$$1");
    }

    static String baseName(String pathOrUrl) {
        String p = pathOrUrl.replaceFirst("[?#].*$", "");
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }
}
