package dev.vouch.server.admission;

import java.util.List;

/**
 * How a policy judged one image digest.
 *
 * @param denials the deny rules that did not hold, as {@code id: message}
 * @param warnings the warn rules that did not hold
 */
public record Judgement(String digest, String policy, String verdict, List<String> denials, List<String> warnings) {
    public Judgement {
        denials = List.copyOf(denials);
        warnings = List.copyOf(warnings);
    }

    public boolean denied() {
        return !denials.isEmpty() || verdict.equals("fail") || verdict.equals("integrity failed");
    }
}
