package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.Pipeline;
import dev.vouch.shell.Script;
import dev.vouch.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * DF006: downloaded content runs as soon as it arrives ({@code curl … | sh}, {@code bash <(curl …)},
 * {@code sh -c "$(wget -O- …)"}, {@code eval "$(curl …)"}, {@code source <(curl …)}): nothing can be checked, and a
 * changed or truncated download runs as it is. An interpreter given its program inline ({@code python3 -c '…'},
 * {@code perl -ne '…'}, {@code node -e '…'}) reads the download as data, and a download passed as an argument to a
 * program is data too: neither fires.
 */
final class PipeToInterpreter implements AuditRule {
    public String id() {
        return "DF006";
    }

    public Severity severity() {
        return Severity.CRITICAL;
    }

    public String title() {
        return "Downloaded content piped or passed to an interpreter";
    }

    public void check(AuditContext ctx) {
        ctx.forEachRun((index, run, script) -> check(ctx, run, script));
    }

    private void check(AuditContext ctx, dev.vouch.dockerfile.Instruction run, Script script) {
        for (Pipeline p : script.pipelines()) {
            List<SimpleCommand> cs = p.commands();
            for (int i = 0; i < cs.size(); i++) {
                if (!Commands.downloadsToStdout(cs.get(i))) {
                    continue;
                }
                for (int j = i + 1; j < cs.size(); j++) {
                    String prog = Commands.program(cs.get(j));
                    if (Commands.interpreter(prog) && inlineProgram(prog, Commands.args(cs.get(j))) < 0) {
                        ctx.report(
                                run,
                                Commands.program(cs.get(i)) + " output is piped into " + prog
                                        + ": the download runs unchecked; save it, verify its checksum, then run it");
                        break;
                    }
                }
            }
            for (SimpleCommand c : p.commands()) {
                String prog = Commands.program(c);
                boolean evaluates = prog.equals("eval") || prog.equals("source") || prog.equals(".");
                if (!Commands.interpreter(prog) && !evaluates) {
                    continue;
                }
                for (Script sub : programSubstitutions(c, prog, evaluates)) {
                    for (SimpleCommand inner : sub.allCommands()) {
                        if (Commands.downloadsToStdout(inner)) {
                            ctx.report(
                                    run,
                                    prog + " runs what " + Commands.program(inner)
                                            + " downloads (through a substitution): the download runs unchecked");
                        }
                    }
                }
            }
            for (SimpleCommand c : p.commands()) {
                for (Script sub : c.substitutions()) {
                    check(ctx, run, sub);
                }
            }
        }
    }

    /**
     * The index (in args) of the option that gives the interpreter its program inline ({@code sh -c}, {@code python
     * -c}, {@code perl -e}/{@code -ne}, {@code ruby -e}, {@code node -e}/{@code -p}, {@code php -r}, {@code pwsh
     * -Command}), or -1 when it reads its program from a file or stdin.
     */
    static int inlineProgram(String prog, List<String> args) {
        String family = prog.replaceFirst("[0-9.]+$", "");
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            if (a.equals("-") || a.equals("--") || !a.startsWith("-")) {
                return -1; // the program is a file (or stdin) from here on
            }
            boolean cluster = a.matches("-[a-zA-Z]+");
            boolean inline = switch (family) {
                case "sh", "bash", "zsh", "ash", "dash", "ksh", "busybox", "python" -> cluster && a.indexOf('c') > 0;
                case "perl", "ruby" -> cluster && (a.indexOf('e') > 0 || a.indexOf('E') > 0);
                case "node" -> a.equals("-e") || a.equals("-p") || a.equals("--eval") || a.equals("--print");
                case "php" -> a.equals("-r");
                case "pwsh", "powershell" -> a.equalsIgnoreCase("-Command") || a.equalsIgnoreCase("-c");
                default -> false;
            };
            if (inline) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The substitutions whose output an interpreter runs: the inline program ({@code sh -c "$(curl …)"}), the script
     * file ({@code bash <(curl …)}), anything given to eval, source or {@code .}; not those in data arguments.
     */
    private static List<Script> programSubstitutions(SimpleCommand c, String prog, boolean evaluates) {
        List<dev.vouch.shell.Word> words = c.words();
        List<Script> subs = c.substitutions();
        List<Script> out = new ArrayList<>();
        int first = words.size() - Commands.args(c).size();
        List<String> args = Commands.args(c);
        int inline = evaluates ? -1 : inlineProgram(prog, args);
        int programWord = -1;
        if (!evaluates) {
            if (inline >= 0) {
                programWord = first + inline + 1;
            } else {
                for (int k = 0; k < args.size(); k++) {
                    if (!args.get(k).startsWith("-") || args.get(k).equals("-")) {
                        programWord = first + k;
                        break;
                    }
                }
            }
        }
        int s = 0;
        for (int w = 0; w < words.size() && s < subs.size(); w++) {
            int n = substitutionsIn(words.get(w).raw());
            for (int k = 0; k < n && s < subs.size(); k++, s++) {
                if (evaluates && w >= first || w == programWord) {
                    out.add(subs.get(s));
                }
            }
        }
        return out;
    }

    /** How many command or process substitutions a word opens at its top level. */
    private static int substitutionsIn(String raw) {
        if (raw.equals("<(…)") || raw.equals(">(…)")) {
            return 1;
        }
        int n = 0;
        int depth = 0;
        boolean single = false;
        boolean backquote = false;
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '\'' && depth == 0 && !backquote) {
                single = !single;
            } else if (single) {
                continue;
            } else if (ch == '`') {
                if (!backquote && depth == 0) {
                    n++;
                }
                backquote = !backquote;
            } else if (ch == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '(') {
                if (depth == 0 && !backquote) {
                    n++;
                }
                depth++;
                i++;
            } else if (ch == '(' && depth > 0) {
                depth++;
            } else if (ch == ')' && depth > 0) {
                depth--;
            }
        }
        return n;
    }
}
