package dev.vouch.io;

import dev.vouch.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * X.509 certificates from a file a user gives (a CA bundle, a chain, a trust store entry): PEM, one or many, or DER,
 * read with a bound, each failure one line naming the file as the caller calls it.
 */
public final class CertificateFiles {
    private static final int MAX = 1 << 20;

    private CertificateFiles() {}

    /** Every certificate in {@code file}, in order; {@code what} names it in errors. */
    public static List<X509Certificate> read(Path file, String what) {
        byte[] bytes;
        try {
            bytes = BoundedReads.readFile(file, MAX);
        } catch (IOException e) {
            throw new InvalidInputException(what + ": cannot be read: " + e.getMessage());
        }
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (Certificate c :
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new InvalidInputException(what + ": not a PEM or DER certificate file");
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(what + ": holds no certificate");
        }
        return out;
    }
}
