package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.sign.CosignKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vouch keygen}: an ECDSA P-256 key pair in cosign's formats. */
@Command(
        name = "keygen",
        description = "Writes PREFIX.key (cosign's encrypted private key format; password from $COSIGN_PASSWORD or"
                + " asked) and PREFIX.pub; both work with cosign. Existing files are never overwritten.")
final class KeygenCommand implements Callable<Integer> {
    @Option(
            names = "--output-key-prefix",
            paramLabel = "PREFIX",
            defaultValue = "cosign",
            description = "Where to write the pair (default: cosign.key and cosign.pub).")
    String prefix;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path key = Path.of(prefix + ".key");
        Path pub = Path.of(prefix + ".pub");
        for (Path p : new Path[] {key, pub}) {
            if (Files.exists(p)) {
                throw new InvalidInputException(p + " exists; vouch does not overwrite keys (move it away first)");
            }
        }
        char[] password = KeyFiles.password(Main.Context.of(spec), true);
        KeyPair pair = CosignKeys.generate();
        AtomicFiles.write(key, CosignKeys.encryptedPem(pair.getPrivate(), password));
        AtomicFiles.write(pub, CosignKeys.publicPem(pair.getPublic()));
        if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // the private key is for its owner only (elsewhere the platform's defaults apply)
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        spec.commandLine().getOut().println("wrote " + key + " (private, encrypted) and " + pub);
        return Main.OK;
    }
}
