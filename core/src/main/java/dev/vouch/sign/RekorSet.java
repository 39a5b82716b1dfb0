package dev.vouch.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Rekor's signed entry timestamp (SET, the "inclusion promise"): the log's ECDSA signature over the canonical JSON
 * {@code {"body","integratedTime","logID","logIndex"}} of an entry, checked with the key the trusted root lists for
 * that log id.
 */
final class RekorSet {
    private RekorSet() {}

    /** Null when the SET verifies, else why not. */
    static String check(
            JsonNode trustedRoot, String bodyB64, long integratedTime, String logIdHex, long logIndex, String setB64) {
        PublicKey key;
        try {
            key = logKey(trustedRoot, logIdHex);
        } catch (Exception e) {
            return "the trusted root's key for log " + logIdHex + " is unreadable";
        }
        if (key == null) {
            return "the log " + logIdHex + " is not in the trusted root";
        }
        String canonical = "{\"body\":\"" + bodyB64 + "\",\"integratedTime\":" + integratedTime + ",\"logID\":\""
                + logIdHex + "\",\"logIndex\":" + logIndex + "}";
        return SignatureVerifier.verifies(canonical.getBytes(StandardCharsets.UTF_8), setB64, key)
                ? null
                : "the Rekor signed entry timestamp does not verify";
    }

    private static PublicKey logKey(JsonNode trust, String logIdHex) throws Exception {
        for (JsonNode t : trust.path("tlogs")) {
            byte[] keyId =
                    Base64.getDecoder().decode(t.path("logId").path("keyId").asText(""));
            if (HexFormat.of().formatHex(keyId).equals(logIdHex)) {
                byte[] der = Base64.getDecoder()
                        .decode(t.path("publicKey").path("rawBytes").asText(""));
                return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            }
        }
        return null;
    }
}
