package dev.vouch.shell;

/**
 * A redirection: {@code > file}, {@code 2>&1}, {@code < in}, {@code <<EOF}.
 *
 * @param fd the file descriptor written before the operator, or -1
 * @param op the operator, e.g. {@code >>}
 * @param target the word after it (for a heredoc, its delimiter)
 * @param heredoc the heredoc body for {@code <<} and {@code <<-}, else null
 */
public record Redirect(int fd, String op, Word target, String heredoc) {}
