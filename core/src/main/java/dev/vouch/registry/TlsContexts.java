package dev.vouch.registry;

import dev.vouch.error.InvalidInputException;
import dev.vouch.io.CertificateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS trust for the servers vouch talks to: the system's certificate authorities, and extra ones from a PEM file. */
public final class TlsContexts {
    private TlsContexts() {}

    /**
     * A TLS context that trusts the system's certificate authorities and those in {@code pem}; {@code what} names the
     * file in errors (the option or place it came from).
     */
    public static SSLContext withExtraCa(Path pem, String what) {
        List<X509Certificate> extra = CertificateFiles.read(pem, what);
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int i = 0;
            for (var tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        ks.setCertificateEntry("system-" + i++, c);
                    }
                }
            }
            for (X509Certificate c : extra) {
                ks.setCertificateEntry("ca-cert-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidInputException(what + ": " + e.getMessage());
        }
    }
}
