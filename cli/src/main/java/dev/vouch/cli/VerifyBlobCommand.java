package dev.vouch.cli;

import dev.vouch.io.BoundedReads;
import dev.vouch.sign.KeylessBundles;
import dev.vouch.sign.KeylessCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch verify-blob}: a Sigstore bundle over a file, verified offline. */
@Command(
        name = "verify-blob",
        description =
                "Verifies a Sigstore bundle (message signature or DSSE) over FILE offline: the certificate chain to"
                        + " a Fulcio CA of the trusted root, the transparency-log proof, the signature, and the signer's"
                        + " identity and issuer. Exit 1 when it does not verify, with the reason.")
final class VerifyBlobCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The signed file.")
    Path file;

    @Option(
            names = "--bundle",
            required = true,
            paramLabel = "FILE",
            description = "The Sigstore bundle (.sigstore.json).")
    Path bundle;

    @Mixin
    IdentityFlags identity;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "For a bundle signed with a managed key: that public key.")
    String key;

    @Mixin
    TextOrJson output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KeylessBundles.TrustedRoot root = identity.root(Main.Context.of(spec));
        byte[] artifact = read(file, 1L << 31);
        String json = new String(read(bundle, 16 << 20), StandardCharsets.UTF_8);
        KeylessCheck check;
        if (key != null) {
            check = dev.vouch.sign.ManagedKeyBundles.isManagedKey(json)
                    ? dev.vouch.sign.ManagedKeyBundles.verify(
                            bundle.toString(), json, artifact, KeyFiles.publicKey(key), root)
                    : new KeylessCheck(
                            bundle.toString(), false, null, "--key given, but the bundle is signed with a certificate");
        } else {
            check = KeylessBundles.verify(bundle.toString(), json, artifact, root, identity.policy());
        }
        ReportOutput.print(
                spec.commandLine().getOut(),
                output.format,
                check,
                c -> c.valid()
                        ? "verified " + file + ": signed by " + c.identity() + "\n"
                        : "NOT verified " + file + ": " + c.reason() + "\n");
        return check.valid() ? Main.OK : Main.CHECK_FAILED;
    }

    private static byte[] read(Path p, long max) throws java.io.IOException {
        return BoundedReads.readFile(p, (int) Math.min(max, Integer.MAX_VALUE - 8));
    }
}
