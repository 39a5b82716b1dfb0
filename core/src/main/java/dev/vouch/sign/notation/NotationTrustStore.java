package dev.vouch.sign.notation;

import dev.vouch.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A Notation trust store as Notation keeps it (<a
 * href="https://github.com/notaryproject/specifications/blob/main/specs/trust-store-trust-policy.md">trust store and
 * trust policy</a>): {@code x509/TYPE/NAME/*.{pem,crt,cer,der}}, TYPE one of {@code ca}, {@code signingAuthority},
 * {@code tsa}. A named store is read when a policy names it; every file must hold certificates that are CAs or
 * self-signed, and symbolic links are refused.
 */
public final class NotationTrustStore {
    private static final int MAX_FILE = 1 << 20;
    private static final int MAX_FILES = 256;
    private static final List<String> TYPES = List.of("ca", "signingAuthority", "tsa");

    private final Path root;

    public NotationTrustStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The certificates of {@code type:name} (as a trust policy writes it). */
    public List<X509Certificate> certificates(String typeAndName) throws IOException {
        int colon = typeAndName.indexOf(':');
        String type = colon < 0 ? "" : typeAndName.substring(0, colon);
        String name = colon < 0 ? "" : typeAndName.substring(colon + 1);
        if (!TYPES.contains(type) || !name.matches("[A-Za-z0-9_.-]{1,255}") || name.startsWith(".")) {
            throw new InvalidInputException(
                    "trust store '" + typeAndName + "': expected TYPE:NAME, TYPE one of " + TYPES);
        }
        Path dir = root.resolve("x509").resolve(type).resolve(name);
        if (Files.isSymbolicLink(dir)) {
            throw new InvalidInputException(dir + ": a trust store may not be a symbolic link");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("trust store " + typeAndName + " has no directory " + dir);
        }
        List<X509Certificate> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().limit(MAX_FILES + 1).toList();
        }
        if (files.size() > MAX_FILES) {
            throw new InvalidInputException(dir + ": more than " + MAX_FILES + " files");
        }
        for (Path f : files) {
            if (Files.isSymbolicLink(f)) {
                throw new InvalidInputException(f + ": a trust store may not hold symbolic links");
            }
            if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(f + ": a trust store may not hold directories");
            }
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!(n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer") || n.endsWith(".der"))) {
                continue;
            }
            for (X509Certificate c : dev.vouch.io.CertificateFiles.read(f, f.toString())) {
                boolean ca = c.getBasicConstraints() >= 0;
                boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
                if (!ca && !selfSigned) {
                    throw new InvalidInputException(f + ": "
                            + c.getSubjectX500Principal().getName() + " is neither a CA certificate nor self-signed");
                }
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("trust store " + typeAndName + " (" + dir + ") holds no certificate");
        }
        return out;
    }
}
