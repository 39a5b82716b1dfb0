package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import dev.vouch.sign.KeylessBundles;
import dev.vouch.sign.KeylessCheck;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    @Mixin
    TextOrJson output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KeylessBundles.TrustedRoot root = identity.root();
        var policy = identity.policy();
        byte[] artifact = read(file, 1L << 31);
        String json = new String(read(bundle, 16 << 20), StandardCharsets.UTF_8);
        KeylessCheck check = KeylessBundles.verify(bundle.toString(), json, artifact, root, policy);
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
        try (InputStream in = Files.newInputStream(p)) {
            return BoundedReads.readAll(in, (int) Math.min(max, Integer.MAX_VALUE - 8), p.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(p + ": no such file");
        }
    }
}
