package dev.vouch.shell;

/**
 * One shell word.
 *
 * @param raw the word as written, quotes and escapes included
 * @param value the word after quote removal; parameter expansions and command substitutions are kept as written
 *     ({@code $VAR}, {@code ${VAR}}, {@code $(…)}), since their values are not known when reading a Dockerfile
 * @param dynamic whether the word contains an expansion or substitution
 */
public record Word(String raw, String value, boolean dynamic) {
    @Override
    public String toString() {
        return value;
    }
}
