package dev.vouch.sign;

import java.util.Map;

/**
 * A keyless cosign signature as the tag scheme stores it (a {@code sha256-HEX.sig} layer with the
 * {@code dev.sigstore.cosign/certificate}, {@code …/chain} and {@code …/bundle} annotations: the Fulcio certificate,
 * its chain and Rekor's signed entry timestamp), checked by {@link LegacyKeylessVerifier}.
 */
public final class CosignKeylessLayer {
    public static final String CERTIFICATE = "dev.sigstore.cosign/certificate";
    public static final String CHAIN = "dev.sigstore.cosign/chain";
    public static final String BUNDLE = "dev.sigstore.cosign/bundle";

    private CosignKeylessLayer() {}

    /** Whether the layer's annotations make it a keyless signature. */
    public static boolean isKeyless(Map<String, String> annotations) {
        return annotations.containsKey(CERTIFICATE);
    }
}
