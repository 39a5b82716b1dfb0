package dev.vouch.cli;

import dev.vouch.sign.IdentityPolicy;
import dev.vouch.sign.KeylessBundles;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The keyless verification flags, as cosign spells them. */
final class IdentityFlags {
    @Option(
            names = "--certificate-identity",
            paramLabel = "ID",
            description = "The signer's identity (certificate SAN): an e-mail or a workflow URI.")
    String identity;

    @Option(
            names = "--certificate-identity-regexp",
            paramLabel = "RE",
            description = "The signer's identity as a regular expression.")
    String identityRegexp;

    @Option(
            names = "--certificate-oidc-issuer",
            paramLabel = "URL",
            description = "The OIDC issuer that vouched for the identity.")
    String issuer;

    @Option(
            names = "--certificate-oidc-issuer-regexp",
            paramLabel = "RE",
            description = "The OIDC issuer as a regular expression.")
    String issuerRegexp;

    @Option(
            names = "--trusted-root",
            paramLabel = "FILE",
            description =
                    "Sigstore trusted root JSON (Fulcio CAs, Rekor and CT log keys, TSAs); default: the public-good"
                            + " instance's, as vouch trust update cached it through TUF. Verification is offline.")
    Path trustedRoot;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;

    boolean given() {
        return identity != null || identityRegexp != null || issuer != null || issuerRegexp != null;
    }

    IdentityPolicy policy() {
        return IdentityPolicy.of(identity, identityRegexp, issuer, issuerRegexp);
    }

    KeylessBundles.TrustedRoot root(Main.Context context) throws IOException {
        return dev.vouch.api.evidence.Attestations.trustedRoot(trustedRoot(context));
    }

    /**
     * {@code --trusted-root}, else the public-good trusted root {@code vouch trust update} cached through TUF (its age
     * said on stderr), else an error saying how to get one.
     */
    Path trustedRoot(Main.Context context) throws IOException {
        if (trustedRoot != null) {
            return trustedRoot;
        }
        Path cache = RegistryFlags.defaultCacheDir(context.env());
        var status =
                cache == null ? null : dev.vouch.sign.SigstoreTuf.status(cache, TrustCommand.mirror(context, null));
        if (status == null || status.trustedRoot() == null) {
            throw new dev.vouch.error.InvalidInputException("keyless verification needs Sigstore's trusted root: run"
                    + " vouch trust update (fetches the public-good one through TUF), or give --trusted-root FILE");
        }
        spec.commandLine()
                .getErr()
                .println("vouch: keyless verification with the trusted root fetched through TUF from " + status.mirror()
                        + " " + TrustCommand.age(status.fetched(), java.time.Instant.now())
                        + " ago (vouch trust update refreshes it)");
        return status.trustedRoot();
    }
}
