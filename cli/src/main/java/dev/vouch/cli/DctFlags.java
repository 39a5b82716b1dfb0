package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.sign.dct.DctOptions;
import dev.vouch.sign.dct.DctVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Docker Content Trust flags: {@code --dct} (or {@code DOCKER_CONTENT_TRUST=1}, as docker reads it), the Notary
 * server, and root pins (a key or certificate file, or a root key id); without pins the root is trusted on first use
 * and remembered under the cache.
 */
final class DctFlags {
    @Option(
            names = "--dct",
            description = "Check Docker Content Trust: the tag's signature in its Notary server (also when"
                    + " DOCKER_CONTENT_TRUST=1).")
    boolean dct;

    @Option(
            names = "--notary-server",
            paramLabel = "URL",
            description =
                    "The Notary server (default: $DOCKER_CONTENT_TRUST_SERVER, https://notary.docker.io for Docker"
                            + " Hub, https://REGISTRY otherwise). Its CA: --ca-cert, or ~/.docker/tls/HOST:PORT/root.crt.")
    String notaryServer;

    @Option(
            names = "--dct-root-key",
            paramLabel = "FILE",
            description = "Pin the repository's root: a PEM certificate or public key that must sign it; repeatable.")
    List<Path> rootKeys = new ArrayList<>();

    @Option(
            names = "--dct-root-key-id",
            paramLabel = "ID",
            description = "Pin the repository's root by the id of a root key that must sign it; repeatable.")
    List<String> rootKeyIds = new ArrayList<>();

    /** Whether content trust is asked for, by flag or by docker's variable. */
    boolean enabled(Main.Context context) {
        return dct || "1".equals(context.env().get("DOCKER_CONTENT_TRUST"));
    }

    DctOptions options(Main.Context context, RegistryOptions registry) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path p : rootKeys) {
            keys.add(publicKey(p));
        }
        for (String id : rootKeyIds) {
            if (!id.matches("[0-9a-f]{64}")) {
                throw new InvalidInputException("--dct-root-key-id " + id + ": expected 64 lower-case hex digits");
            }
        }
        return new DctOptions(
                notaryServer,
                registry.caCert(),
                new DctVerifier.Pins(keys, rootKeyIds),
                registry.cacheDir(),
                context.env());
    }

    private static PublicKey publicKey(Path p) throws IOException {
        if (KeyFiles.read(p.toString()).contains("BEGIN CERTIFICATE")) {
            return dev.vouch.io.CertificateFiles.read(p, "--dct-root-key " + p)
                    .get(0)
                    .getPublicKey();
        }
        return KeyFiles.publicKey(p.toString()).key();
    }
}
