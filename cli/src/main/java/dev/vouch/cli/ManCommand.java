package dev.vouch.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vouch man}: the manual page (roff, for {@code man -l}) made from the same command model as {@code --help}:
 * the synopsis, the description and every verb with its parameters and options, so it is never out of date.
 */
@Command(name = "man", description = "Print the manual page (roff): vouch man > vouch.1; man -l vouch.1.")
final class ManCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        StringBuilder b = new StringBuilder();
        b.append(".TH VOUCH 1 \"\" \"vouch ").append(Version.number()).append("\" \"User Commands\"\n");
        b.append(".SH NAME\nvouch \\- ")
                .append(roff(String.join(" ", root.usageMessage().description())))
                .append('\n');
        b.append(".SH SYNOPSIS\n.B vouch\n.I VERB\n[options]\n");
        b.append(".SH VERBS\n");
        for (var e : root.subcommands().entrySet()) {
            CommandSpec verb = e.getValue().getCommandSpec();
            if (e.getKey().equals("help")) {
                continue;
            }
            verb(b, "vouch " + e.getKey(), verb);
            for (var sub : verb.subcommands().entrySet()) {
                verb(
                        b,
                        "vouch " + e.getKey() + " " + sub.getKey(),
                        sub.getValue().getCommandSpec());
            }
        }
        b.append(".SH EXIT STATUS\n0 success, 1 a check failed, 2 bad input or an error (one line on stderr).\n");
        b.append(".SH SEE ALSO\nREADME.md, docs/ of the vouch repository.\n");
        spec.commandLine().getOut().print(b);
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    private static void verb(StringBuilder b, String name, CommandSpec verb) {
        b.append(".SS ").append(roff(name));
        for (PositionalParamSpec p : verb.positionalParameters()) {
            b.append(' ').append(roff(p.paramLabel()));
        }
        b.append("\n")
                .append(roff(String.join(" ", verb.usageMessage().description())))
                .append('\n');
        List<OptionSpec> options = verb.options().stream()
                .filter(o -> !o.hidden())
                .filter(o -> !List.of("--help", "--version", "--debug").contains(o.longestName()))
                .toList();
        for (OptionSpec o : options) {
            b.append(".TP\n.B ").append(roff(String.join(", ", o.names())));
            if (o.arity().max() > 0) {
                b.append(' ').append(roff(o.paramLabel()));
            }
            b.append('\n').append(roff(String.join(" ", o.description()))).append('\n');
        }
    }

    /** Text as roff reads it: backslashes and leading dots or quotes escaped. */
    static String roff(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
