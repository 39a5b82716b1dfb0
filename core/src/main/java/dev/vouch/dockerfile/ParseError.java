package dev.vouch.dockerfile;

/**
 * A Dockerfile that cannot be parsed, at a place: reported as a finding with its line, never thrown.
 *
 * @param line the first line of the instruction at fault (1-based; 0 when the file as a whole is at fault)
 * @param endLine its last line
 * @param message what is wrong, one line
 */
public record ParseError(int line, int endLine, String message) {}
