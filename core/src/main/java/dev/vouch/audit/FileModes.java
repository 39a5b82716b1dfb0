package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The file modes a Dockerfile sets: {@code chmod} modes in RUNs and {@code --chmod} on COPY and ADD. */
final class FileModes {
    private FileModes() {}

    private static final Pattern SYMBOLIC_FLAGLIKE = Pattern.compile("-[rwxXst]+");
    private static final Pattern OCTAL = Pattern.compile("[0-7]{3,4}");
    private static final Pattern OCTAL4 = Pattern.compile("[0-7]{4}");
    private static final Pattern CLAUSE = Pattern.compile("([ugoa]*)([+=])([rwxXst]*)");

    /** A mode set somewhere, and what it applies to (for messages). */
    record ModeSet(String mode, String target) {}

    static List<ModeSet> ofCommand(SimpleCommand c) {
        List<ModeSet> out = new ArrayList<>();
        if (!Commands.program(c).equals("chmod")) {
            return out;
        }
        List<String> argv = Commands.argv(c);
        String mode = null;
        List<String> targets = new ArrayList<>();
        for (String a : Commands.args(c)) {
            if (mode == null
                    && a.startsWith("-")
                    && !SYMBOLIC_FLAGLIKE.matcher(a).matches()) {
                continue; // -R, --recursive, -v
            }
            if (mode == null) {
                mode = a;
            } else {
                targets.add(a);
            }
        }
        if (mode != null) {
            out.add(new ModeSet(mode, String.join(" ", targets)));
        }
        return out;
    }

    static List<ModeSet> ofCopy(Instruction in) {
        List<ModeSet> out = new ArrayList<>();
        if (in.command().equals("copy") || in.command().equals("add")) {
            for (String f : in.flags()) {
                if (f.startsWith("--chmod=")) {
                    List<String> args = in.args();
                    out.add(new ModeSet(f.substring(8), args.isEmpty() ? "" : args.get(args.size() - 1)));
                }
            }
        }
        return out;
    }

    /** Others get write permission, without the sticky bit that makes a shared directory such as /tmp safe. */
    static boolean worldWritable(String mode) {
        if (OCTAL.matcher(mode).matches()) {
            int others = mode.charAt(mode.length() - 1) - '0';
            boolean sticky = mode.length() == 4 && ((mode.charAt(0) - '0') & 1) != 0;
            return (others & 2) != 0 && !sticky;
        }
        for (String clause : mode.split(",")) {
            var m = CLAUSE.matcher(clause);
            if (m.matches()
                    && (m.group(1).contains("o") || m.group(1).contains("a"))
                    && m.group(3).contains("w")
                    && !m.group(3).contains("t")) {
                return true;
            }
        }
        return false;
    }

    /** The setuid or setgid bit is set. */
    static boolean setuidOrSetgid(String mode) {
        if (OCTAL4.matcher(mode).matches()) {
            return ((mode.charAt(0) - '0') & 6) != 0;
        }
        for (String clause : mode.split(",")) {
            var m = CLAUSE.matcher(clause);
            if (m.matches() && m.group(3).contains("s")) {
                return true;
            }
        }
        return false;
    }
}
