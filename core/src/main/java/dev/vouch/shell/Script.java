package dev.vouch.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell script as a flat list of pipelines in the order they appear. Compound commands (subshells, brace groups,
 * {@code if}, {@code for}, {@code while}, {@code case}) are flattened: their inner pipelines appear in place, which
 * is what the audit rules need (they ask which commands run and what feeds what, not which branch runs).
 *
 * @param pipelines the pipelines in order
 * @param errors what could not be parsed (an unterminated quote or substitution); the pipelines read before it are
 *     kept
 */
public record Script(List<Pipeline> pipelines, List<String> errors) {
    public Script {
        pipelines = List.copyOf(pipelines);
        errors = List.copyOf(errors);
    }

    /** Every simple command, those inside command substitutions included (after the command that holds them). */
    public List<SimpleCommand> allCommands() {
        List<SimpleCommand> out = new ArrayList<>();
        for (Pipeline p : pipelines) {
            for (SimpleCommand c : p.commands()) {
                out.add(c);
                for (Script s : c.substitutions()) {
                    out.addAll(s.allCommands());
                }
            }
        }
        return out;
    }
}
