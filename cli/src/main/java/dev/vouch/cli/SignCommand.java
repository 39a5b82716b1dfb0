package dev.vouch.cli;

import dev.vouch.image.Digest;
import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.sign.CosignRegistry;
import dev.vouch.sign.SignatureVerifier;
import dev.vouch.sign.SimpleSigning;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch sign}: a cosign-compatible key signature of an image, pushed beside it. */
@Command(
        name = "sign",
        description = "Signs the digest IMAGE names now (a tag is resolved first) with a cosign or PEM key: a"
                + " simple-signing payload, ECDSA P-256, pushed as the sha256-HEX.sig tag of the repository, as cosign"
                + " does, so `cosign verify` and `vouch verify` both accept it.")
final class SignCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "IMAGE",
            description = "A registry reference, e.g. 127.0.0.1:5000/team/app:1.")
    String image;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "cosign.key, or a PKCS#8/SEC1 PEM.")
    String key;

    @Option(
            names = "--identity",
            paramLabel = "REF",
            description = "The docker-reference the payload names (default: the registry repository; for an OCI"
                    + " layout, the layout reference as given).")
    String identity;

    @Option(
            names = "--notation",
            description = "Sign as Notation does instead (the Notary Project's JWS envelope, scheme notary.x509),"
                    + " attached as an OCI referrer; needs --cert.")
    boolean notation;

    @Option(
            names = "--cert",
            paramLabel = "FILE",
            description = "With --notation: the PEM certificate chain of the key, leaf first.")
    java.nio.file.Path cert;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LookAlike.warn(spec, image); // before anything else can fail
        Main.Context context = Main.Context.of(spec);
        PrivateKey privateKey = KeyFiles.privateKey(key, context);
        java.nio.file.Path layout = dev.vouch.source.ImageSources.layoutDirectory(image);
        if (layout != null && notation) {
            throw new dev.vouch.error.InvalidInputException(
                    "--notation signs registry images (it attaches a referrer)");
        }
        if (layout != null) {
            Digest digest;
            try (var img = dev.vouch.source.ImageSources.open(image, dev.vouch.image.Platform.LINUX_AMD64)) {
                digest = img.digest();
            }
            byte[] payload = new SimpleSigning(identity != null ? identity : image, digest).bytes();
            String tag = dev.vouch.sign.CosignLayout.attach(
                    layout, digest, payload, SignatureVerifier.sign(payload, privateKey));
            spec.commandLine().getOut().println("signed " + image + "@" + digest + " (" + layout + ":" + tag + ")");
            return Main.OK;
        }
        ImageRef ref = ImageRef.parse(image);
        RegistryOptions options = registry.build(context);
        RegistryClient client = RegistryClient.forRepository(ref, options);
        if (notation) {
            return signWithNotation(client, ref, privateKey);
        }
        Digest digest = References.digest(client, ref);
        byte[] payload = new SimpleSigning(identity != null ? identity : ref.name(), digest).bytes();
        String signature = SignatureVerifier.sign(payload, privateKey);
        String tag = CosignRegistry.attach(client, ref.path(), digest, payload, signature);
        spec.commandLine()
                .getOut()
                .println("signed " + ref.name() + "@" + digest + " (" + ref.name() + ":" + tag + ")");
        return Main.OK;
    }

    /** A Notation JWS signature of the digest the reference names now, attached as a referrer. */
    private int signWithNotation(RegistryClient client, ImageRef ref, PrivateKey privateKey) throws Exception {
        if (cert == null) {
            throw new dev.vouch.error.InvalidInputException(
                    "--notation needs --cert FILE (the key's certificate chain)");
        }
        var chain = dev.vouch.io.CertificateFiles.read(cert, "--cert " + cert);
        if (!pair(privateKey, chain.get(0).getPublicKey())) {
            throw new dev.vouch.error.InvalidInputException(
                    "--cert " + cert + ": its first certificate is not the key's");
        }
        var subject = References.current(client, ref).descriptor();
        var payload = dev.vouch.io.Json.compact()
                .writeValueAsBytes(java.util.Map.of(
                        "targetArtifact",
                        java.util.Map.of(
                                "mediaType", subject.mediaType(),
                                "digest", subject.digest().toString(),
                                "size", subject.size())));
        byte[] envelope = dev.vouch.sign.notation.JwsEnvelope.sign(payload, privateKey, chain, java.time.Instant.now());
        Digest signature = dev.vouch.sign.notation.NotationSignatures.attach(
                client, ref.path(), subject, envelope, dev.vouch.sign.notation.JwsEnvelope.MEDIA_TYPE, chain);
        spec.commandLine()
                .getOut()
                .println("signed " + ref.name() + "@" + subject.digest() + " with Notation (JWS), signature "
                        + ref.name() + "@" + signature);
        return Main.OK;
    }

    /** Whether the certificate's key is the private key's: a signature by one verifies with the other. */
    private static boolean pair(PrivateKey key, java.security.PublicKey certified) {
        try {
            byte[] probe = "vouch".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            var s = java.security.Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            var v = java.security.Signature.getInstance("SHA256withECDSA");
            v.initVerify(certified);
            v.update(probe);
            return v.verify(sig);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
