package dev.vouch.tuf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vouch.Fuzzing;
import dev.vouch.policy.Policy;
import dev.vouch.sign.notation.CoseEnvelope;
import dev.vouch.sign.notation.JwsEnvelope;

/** TUF metadata (Notary), Notation's JWS and COSE envelopes, and policy documents. */
class TrustMetadataFuzzTest {
    @FuzzTest
    void tufMetadata(FuzzedDataProvider data) {
        String role = data.pickValue(new String[] {"root", "targets", "snapshot", "timestamp"});
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> SignedMetadata.parse(bytes, role, role));
    }

    @FuzzTest
    void notationEnvelopes(FuzzedDataProvider data) {
        boolean cose = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> {
            if (cose) {
                CoseEnvelope.parse(bytes);
            } else {
                JwsEnvelope.parse(bytes);
            }
        });
    }

    @FuzzTest
    void policy(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> Policy.read(bytes, "policy.yaml"));
    }
}
