package dev.vouch.shell;

import java.util.List;

/**
 * Commands joined by {@code |}: each one's output feeds the next.
 *
 * @param commands the commands in order
 * @param negated whether it starts with {@code !}
 * @param next the operator after it: {@code &&}, {@code ||}, {@code ;}, {@code &}, a newline as {@code \n}, or ""
 *     at the end
 * @param function the name of the shell function whose body holds it ({@code name() { … }}), or null at the top
 *     level; the body runs where the function is called, with the caller's arguments as {@code $1}, {@code $2}…
 */
public record Pipeline(List<SimpleCommand> commands, boolean negated, String next, String function) {
    public Pipeline {
        commands = List.copyOf(commands);
    }

    /** A pipeline outside any function body. */
    public Pipeline(List<SimpleCommand> commands, boolean negated, String next) {
        this(commands, negated, next, null);
    }
}
