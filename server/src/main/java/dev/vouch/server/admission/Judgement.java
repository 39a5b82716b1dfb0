package dev.vouch.server.admission;

import java.util.List;

/**
 * How a policy judged one image digest.
 *
 * @param denials the deny rules that did not hold, as {@code id: message}
 * @param warnings the warn rules that did not hold
 * @param version the {@link dev.vouch.server.store.StoredImage#version() version} of the stored result judged
 */
public record Judgement(
        String digest, String policy, String verdict, List<String> denials, List<String> warnings, long version) {
    public Judgement {
        denials = List.copyOf(denials);
        warnings = List.copyOf(warnings);
    }

    public boolean denied() {
        return !denials.isEmpty() || verdict.equals("fail") || verdict.equals("integrity failed");
    }
}
