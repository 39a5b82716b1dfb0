package dev.vouch.dockerfile;

/**
 * A heredoc attached to a RUN, COPY or ADD instruction (<a
 * href="https://docs.docker.com/reference/dockerfile/#here-documents">Dockerfile here-documents</a>).
 *
 * @param name the delimiter word, quotes removed
 * @param fileDescriptor the number before {@code <<}, 0 when absent
 * @param expand false when any part of the delimiter was quoted (the body is then taken literally)
 * @param chomp true for {@code <<-}: leading tabs are stripped from the body and the delimiter line
 * @param content the body, line endings kept, without the delimiter line
 */
public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content) {}
