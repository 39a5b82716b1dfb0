package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import dev.vouch.sign.CosignKeys;
import dev.vouch.sign.SignatureVerifier;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;

/** Key files for sign/verify/keygen: bounded reads, and the password from $COSIGN_PASSWORD or the terminal. */
final class KeyFiles {
    private KeyFiles() {}

    static String read(String file) throws IOException {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    /** A key file's bytes (64 KiB at most: no key is larger). */
    static byte[] readBytes(String file) throws IOException {
        return BoundedReads.readFile(Path.of(file), 64 << 10);
    }

    static PrivateKey privateKey(String file, Main.Context context) throws IOException {
        return CosignKeys.readPrivate(read(file), file, () -> password(context, false));
    }

    static SignatureVerifier.NamedKey publicKey(String file) throws IOException {
        return new SignatureVerifier.NamedKey(file, CosignKeys.readPublic(read(file), file));
    }

    /** $COSIGN_PASSWORD (cosign's variable, empty allowed), else asked on the terminal (twice for a new key). */
    static char[] password(Main.Context context, boolean confirm) {
        String env = context.env().get("COSIGN_PASSWORD");
        if (env != null) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new InvalidInputException("the key's password: set COSIGN_PASSWORD (no terminal to ask on)");
        }
        char[] first = console.readPassword("Enter password for private key: ");
        if (confirm) {
            char[] again = console.readPassword("Enter password for private key again: ");
            if (!java.util.Arrays.equals(first, again)) {
                throw new InvalidInputException("the passwords do not match");
            }
        }
        return first;
    }
}
