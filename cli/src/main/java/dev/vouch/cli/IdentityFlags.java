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
            description = "Sigstore trusted root JSON (Fulcio CAs, Rekor and CT log keys, TSAs), e.g. the public-good"
                    + " instance's trusted_root.json; verification is offline.")
    Path trustedRoot;

    boolean given() {
        return identity != null || identityRegexp != null || issuer != null || issuerRegexp != null;
    }

    IdentityPolicy policy() {
        return IdentityPolicy.of(identity, identityRegexp, issuer, issuerRegexp);
    }

    KeylessBundles.TrustedRoot root() throws IOException {
        return dev.vouch.api.evidence.Attestations.trustedRoot(trustedRoot);
    }
}
