package dev.vouch.tuf;

import java.util.List;

/**
 * A TUF role as its parent lists it: the key ids that may sign it and how many distinct ones must (<a
 * href="https://theupdateframework.github.io/specification/latest/#root">TUF specification, root and delegations</a>).
 *
 * @param name the role's name ({@code root}, {@code targets}, {@code targets/releases}, …)
 * @param keyIds the key ids allowed to sign it
 * @param threshold the number of distinct valid signatures needed, at least 1
 */
public record Role(String name, List<String> keyIds, int threshold) {
    public Role {
        keyIds = List.copyOf(keyIds);
    }
}
