package dev.vouch.shell;

import java.util.List;

/**
 * Commands joined by {@code |}: each one's output feeds the next.
 *
 * @param commands the commands in order
 * @param negated whether it starts with {@code !}
 * @param next the operator after it: {@code &&}, {@code ||}, {@code ;}, {@code &}, a newline as {@code \n}, or ""
 *     at the end
 */
public record Pipeline(List<SimpleCommand> commands, boolean negated, String next) {
    public Pipeline {
        commands = List.copyOf(commands);
    }
}
