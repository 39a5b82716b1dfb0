package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import dev.vouch.sign.notation.NotationTrustPolicy;
import dev.vouch.sign.notation.NotationTrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Notation flags: {@code --notation}, and the trust policy and trust store in Notation's own formats, read where
 * Notation keeps them ({@code $XDG_CONFIG_HOME/notation}, else {@code ~/.config/notation}: {@code trustpolicy.oci.json}
 * or {@code trustpolicy.json}, and {@code truststore/}) unless given, so an existing Notation set-up works unchanged.
 */
final class NotationFlags {
    @Option(
            names = "--notation",
            description = "Check Notation (Notary Project) signatures attached as referrers, under the trust policy.")
    boolean notation;

    @Option(
            names = "--notation-trust-policy",
            paramLabel = "FILE",
            description = "Notation's trustpolicy.json (default: Notation's, in ~/.config/notation).")
    Path trustPolicy;

    @Option(
            names = "--notation-trust-store",
            paramLabel = "DIR",
            description =
                    "Notation's trust store directory, holding x509/TYPE/NAME/ (default: ~/.config/notation/truststore).")
    Path trustStore;

    private static Path configDir(Main.Context context) {
        String xdg = context.env().get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "notation");
        }
        String home = context.env().get("HOME");
        return home == null || home.isBlank() ? null : Path.of(home, ".config", "notation");
    }

    NotationTrustPolicy policy(Main.Context context) throws IOException {
        Path file = trustPolicy;
        if (file == null) {
            Path dir = configDir(context);
            if (dir != null) {
                file = Files.isRegularFile(dir.resolve("trustpolicy.oci.json"))
                        ? dir.resolve("trustpolicy.oci.json")
                        : dir.resolve("trustpolicy.json");
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            throw new InvalidInputException("--notation needs a trust policy: --notation-trust-policy FILE, or"
                    + " Notation's trustpolicy.json in ~/.config/notation");
        }
        return NotationTrustPolicy.read(BoundedReads.readFile(file, 1 << 20), file.toString());
    }

    NotationTrustStore store(Main.Context context) {
        Path dir = trustStore;
        if (dir == null) {
            Path config = configDir(context);
            dir = config == null ? null : config.resolve("truststore");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("--notation needs a trust store: --notation-trust-store DIR, or Notation's"
                    + " truststore in ~/.config/notation");
        }
        return new NotationTrustStore(dir);
    }
}
