package dev.vouch.sign.dct;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to check Docker Content Trust: the Notary server ({@code --notary-server}, else as docker chooses), extra
 * certificate authorities for it, root pins, where to remember trusted roots, and the environment docker reads
 * ({@code DOCKER_CONTENT_TRUST_SERVER}, {@code DOCKER_CONFIG}, {@code HOME}).
 *
 * @param notaryServer the server URL, or null
 * @param caCert a PEM file of extra certificate authorities, or null
 * @param pins root keys or ids the root must be signed by (none: trusted on first use)
 * @param cacheDir vouch's cache directory (trust data under {@code trust/}), or null to remember nothing
 * @param env the environment
 */
public record DctOptions(
        String notaryServer, Path caCert, DctVerifier.Pins pins, Path cacheDir, Map<String, String> env) {
    public DctOptions {
        env = Map.copyOf(env);
    }
}
