package dev.vouch.shell;

import java.util.List;

/**
 * A simple command: variable assignments, words (the first is the command name), redirections, and the scripts of
 * the command substitutions ({@code $(…)}, backquotes) and process substitutions ({@code <(…)}) in its words.
 */
public record SimpleCommand(
        List<Word> assignments, List<Word> words, List<Redirect> redirects, List<Script> substitutions) {

    public SimpleCommand {
        assignments = List.copyOf(assignments);
        words = List.copyOf(words);
        redirects = List.copyOf(redirects);
        substitutions = List.copyOf(substitutions);
    }

    /** The command name as written after quote removal ({@code /usr/bin/curl}), or "" for a bare assignment. */
    public String name() {
        return words.isEmpty() ? "" : words.get(0).value();
    }

    /** The command name without its directory ({@code curl}). */
    public String program() {
        String n = name();
        int slash = n.lastIndexOf('/');
        return slash < 0 ? n : n.substring(slash + 1);
    }

    /** The arguments after the name, after quote removal. */
    public List<String> args() {
        return words.stream().skip(1).map(Word::value).toList();
    }
}
