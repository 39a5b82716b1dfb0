package dev.vouch.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * A parsed Dockerfile: its instructions in order, the parser directives it declared, the escape character in
 * force, warnings (empty continuation lines), and the errors that stopped the parse (then the instructions are
 * those before the error).
 *
 * @param name where it was read from, for messages
 */
public record Dockerfile(
        String name,
        List<Instruction> instructions,
        Map<String, String> directives,
        char escape,
        List<String> warnings,
        List<ParseError> errors) {

    public Dockerfile {
        instructions = List.copyOf(instructions);
        directives = Map.copyOf(directives);
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /**
     * Whether a shell-form RUN at this index runs in a POSIX shell: false after a {@code SHELL} instruction of the
     * same stage names PowerShell or cmd (Windows images), whose scripts are not POSIX shell.
     */
    public boolean posixShellAt(int index) {
        for (int i = index - 1; i >= 0; i--) {
            Instruction in = instructions.get(i);
            if (in.command().equals("from")) {
                return true;
            }
            if (in.command().equals("shell") && !in.args().isEmpty()) {
                String prog = in.args().get(0).toLowerCase(java.util.Locale.ROOT);
                String base = prog.substring(Math.max(prog.lastIndexOf('/'), prog.lastIndexOf('\\')) + 1);
                return !(base.startsWith("powershell") || base.startsWith("pwsh") || base.startsWith("cmd"));
            }
        }
        return true;
    }

    /** All instructions in BuildKit's dump notation, one per line: for conformance tests. */
    public String dump() {
        StringBuilder b = new StringBuilder();
        for (Instruction i : instructions) {
            b.append('(').append(i.dump()).append(")\n");
        }
        return b.toString();
    }
}
