package dev.vouch.cli;

import dev.vouch.image.Digest;
import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.sign.CosignRegistry;
import dev.vouch.sign.SignatureCheck;
import dev.vouch.sign.SignatureVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch verify}: are there valid key signatures of this image? */
@Command(
        name = "verify",
        description = "Finds the cosign signatures of the digest IMAGE names (the sha256-HEX.sig tag) and checks each:"
                + " the signature with the given keys, that it signs this digest, and that it names this repository."
                + " Prints who signed what; exit 1 when no signature is valid, with the reason for each.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "A registry reference.")
    String image;

    @Option(names = "--key", paramLabel = "FILE", description = "A public key (cosign.pub); repeatable.")
    List<String> keys = new ArrayList<>();

    @Mixin
    IdentityFlags keyless;

    @Option(
            names = "--gpg-key",
            paramLabel = "FILE",
            description = "An OpenPGP public key (armored or binary) for containers' simple signing (skopeo --sign-by);"
                    + " repeatable.")
    List<java.nio.file.Path> gpgKeys = new ArrayList<>();

    @Option(
            names = "--lookaside",
            paramLabel = "URL",
            description = "Where the simple-signing signatures are (the lookaside of registries.d): file:///dir, a"
                    + " directory, or https://host/path.")
    String lookaside;

    @Option(
            names = "--lock",
            paramLabel = "FILE",
            description = "A lock file (vouch lock): the tag must still name the digest locked for it.")
    java.nio.file.Path lock;

    @Mixin
    DctFlags dct;

    @Mixin
    NotationFlags notation;

    @Mixin
    TextOrJson output;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    /** The JSON report. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record VerifyReport(
            String image, String digest, boolean verified, List<SignatureCheck> signatures, String lockFinding) {}

    @Override
    public Integer call() throws Exception {
        LookAlike.warn(spec, image); // before anything else can fail
        Main.Context context = Main.Context.of(spec);
        boolean contentTrust = dct.enabled(context);
        if (keys.isEmpty() && !keyless.given() && gpgKeys.isEmpty() && !contentTrust && !notation.notation) {
            throw new dev.vouch.error.InvalidInputException(
                    "give --key FILE, or --certificate-identity and --certificate-oidc-issuer (with --trusted-root) for"
                            + " keyless signatures, --gpg-key with --lookaside, --dct for Docker Content Trust, or --notation");
        }
        dev.vouch.sign.IdentityPolicy policy = keyless.given() ? keyless.policy() : null;
        dev.vouch.sign.KeylessBundles.TrustedRoot root = keyless.given() ? keyless.root(context) : null;
        List<SignatureVerifier.NamedKey> named = new ArrayList<>();
        for (String k : keys) {
            named.add(KeyFiles.publicKey(k));
        }
        java.nio.file.Path layout = dev.vouch.source.ImageSources.layoutDirectory(image);
        if (layout != null) {
            Digest digest;
            try (var img = dev.vouch.source.ImageSources.open(image, dev.vouch.image.Platform.LINUX_AMD64)) {
                digest = img.digest();
            }
            List<SignatureCheck> checks = new ArrayList<>();
            for (CosignRegistry.Stored s : dev.vouch.sign.CosignLayout.find(layout, digest)) {
                // a layout has no repository: the payload's reference is shown, not compared
                checks.add(
                        SignatureVerifier.check(s.source(), s.payload(), s.signature(), named, List.of(digest), null));
            }
            boolean ok = checks.stream().anyMatch(SignatureCheck::valid);
            VerifyReport report = new VerifyReport(image + "@" + digest, digest.toString(), ok, checks, null);
            ReportOutput.print(spec.commandLine().getOut(), output.format, report, VerifyCommand::text);
            return ok ? Main.OK : Main.CHECK_FAILED;
        }
        ImageRef ref = ImageRef.parse(image);
        RegistryOptions options = registry.build(context);
        RegistryClient client = RegistryClient.forRepository(ref, options);
        Digest digest = References.digest(client, ref);
        List<SignatureCheck> checks = new ArrayList<>();
        if (!named.isEmpty() || policy != null) {
            checks.addAll(dev.vouch.sign.ImageSignatures.check(client, ref, digest, named, policy, root));
        }
        if (notation.notation) {
            var descriptor = References.current(client, ImageRef.parse(ref.name() + "@" + digest))
                    .descriptor();
            checks.addAll(dev.vouch.sign.notation.NotationSignatures.check(
                    client,
                    ref,
                    descriptor,
                    notation.policy(context),
                    notation.store(context),
                    java.time.Instant.now()));
        }
        if (contentTrust) {
            var trust = dev.vouch.sign.dct.ContentTrust.check(client, ref, dct.options(context, options));
            checks.add(dev.vouch.sign.dct.ContentTrust.asSignature(trust, ref));
        }
        String moved = null;
        if (lock != null) {
            dev.vouch.lock.LockFile locked = dev.vouch.lock.LockFile.read(lock);
            var entry = locked.entry(ref.normalized());
            if (entry.isEmpty()) {
                throw new dev.vouch.error.InvalidInputException(
                        lock + ": " + ref.normalized() + " is not locked there");
            }
            moved = dev.vouch.lock.LockFile.moved(entry.get(), digest.toString(), lock.toString())
                    .map(dev.vouch.report.Finding::oneLine)
                    .orElse(null);
        }
        if (!gpgKeys.isEmpty()) {
            checks.addAll(gpgChecks(ref, digest));
        }
        boolean verified = checks.stream().anyMatch(SignatureCheck::valid) && moved == null;
        VerifyReport report = new VerifyReport(ref.name() + "@" + digest, digest.toString(), verified, checks, moved);
        ReportOutput.print(spec.commandLine().getOut(), output.format, report, VerifyCommand::text);
        return verified ? Main.OK : Main.CHECK_FAILED;
    }

    /** containers' simple signing: signature-1, -2… of the digest in lookaside storage, checked with the GPG keys. */
    private List<SignatureCheck> gpgChecks(ImageRef ref, Digest digest) throws java.io.IOException {
        if (lookaside == null) {
            throw new dev.vouch.error.InvalidInputException(
                    "--gpg-key needs --lookaside URL (where skopeo wrote the signatures)");
        }
        org.bouncycastle.openpgp.PGPPublicKeyRingCollection rings = null;
        for (java.nio.file.Path k : gpgKeys) {
            var one = dev.vouch.sign.GpgSimpleSigning.keys(KeyFiles.readBytes(k.toString()), k.toString());
            rings = rings == null ? one : merge(rings, one);
        }
        List<SignatureCheck> out = new ArrayList<>();
        for (int n = 1; n <= 100; n++) {
            String rel = dev.vouch.sign.GpgSimpleSigning.lookasidePath(ref.path(), digest, n);
            byte[] sig = Lookaside.fetch(lookaside, rel);
            if (sig == null) {
                break;
            }
            out.add(dev.vouch.sign.GpgSimpleSigning.check(
                            lookaside + "/" + rel, sig, rings, List.of(digest), ref.name())
                    .withKind("gpg"));
        }
        return out;
    }

    private static org.bouncycastle.openpgp.PGPPublicKeyRingCollection merge(
            org.bouncycastle.openpgp.PGPPublicKeyRingCollection a,
            org.bouncycastle.openpgp.PGPPublicKeyRingCollection b) {
        for (var ring : b) {
            if (!a.contains(ring.getPublicKey().getKeyID())) {
                a = org.bouncycastle.openpgp.PGPPublicKeyRingCollection.addPublicKeyRing(a, ring);
            }
        }
        return a;
    }

    private static String text(VerifyReport r) {
        StringBuilder b = new StringBuilder();
        if (r.lockFinding() != null) {
            b.append(r.lockFinding()).append('\n');
        }
        if (r.signatures().isEmpty()) {
            b.append(r.image())
                    .append(": no signatures found (looked for the ")
                    .append(CosignRegistry.signatureTag(Digest.parse(r.digest())))
                    .append(" tag and the referrers)\n");
            return b.toString();
        }
        b.append(r.image())
                .append(": ")
                .append(r.verified() ? "verified" : "NOT verified")
                .append('\n');
        for (SignatureCheck c : r.signatures()) {
            if (c.valid()) {
                b.append("  valid    ")
                        .append(c.source())
                        .append(": signed by ")
                        .append(c.key())
                        .append(" for ")
                        .append(c.dockerReference())
                        .append('\n');
            } else {
                // content trust that was never signed is unsigned, not a bad signature
                boolean unsigned = "dct".equals(c.kind())
                        && c.reason() != null
                        && c.reason().startsWith("no trust data");
                b.append(unsigned ? "  unsigned " : "  invalid  ")
                        .append(c.source())
                        .append(": ")
                        .append(c.reason())
                        .append('\n');
            }
        }
        return b.toString();
    }
}
