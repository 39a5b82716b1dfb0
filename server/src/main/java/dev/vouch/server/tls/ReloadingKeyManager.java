package dev.vouch.server.tls;

import dev.vouch.error.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server's certificate chain and private key from PEM files (as cert-manager or a Kubernetes TLS secret mounts
 * them), read again when either file changes: new connections get the new pair, no restart. A pair that does not
 * read (a half-written file) is ignored and the previous one kept.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private record Pair(String alias, X509Certificate[] chain, PrivateKey key, FileTime certTime, FileTime keyTime) {}

    private final Path certFile;
    private final Path keyFile;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Pair> byAlias = new ConcurrentHashMap<>();
    private volatile Pair current;

    private ReloadingKeyManager(Path certFile, Path keyFile) {
        this.certFile = certFile;
        this.keyFile = keyFile;
    }

    public static ReloadingKeyManager load(Path certFile, Path keyFile) {
        ReloadingKeyManager m = new ReloadingKeyManager(certFile, keyFile);
        m.install(m.read());
        return m;
    }

    /** An SSL context that serves this key manager's current pair. */
    public SSLContext sslContext() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(new javax.net.ssl.KeyManager[] {this}, null, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the files again if either changed; true when a new pair is served. */
    public boolean reloadIfChanged() {
        Pair p = current;
        try {
            if (Files.getLastModifiedTime(certFile).equals(p.certTime())
                    && Files.getLastModifiedTime(keyFile).equals(p.keyTime())) {
                return false;
            }
            install(read());
            return true;
        } catch (IOException | InvalidInputException e) {
            return false;
        }
    }

    private void install(Pair p) {
        Pair old = current;
        byAlias.put(p.alias(), p);
        current = p;
        if (old != null) {
            // keep the previous pair for handshakes that chose it a moment ago; older ones go
            byAlias.keySet().removeIf(a -> !a.equals(p.alias()) && !a.equals(old.alias()));
        }
    }

    private Pair read() {
        try {
            FileTime ct = Files.getLastModifiedTime(certFile);
            FileTime kt = Files.getLastModifiedTime(keyFile);
            X509Certificate[] chain;
            try (var in = Files.newInputStream(certFile)) {
                chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                        .map(X509Certificate.class::cast)
                        .toArray(X509Certificate[]::new);
            }
            if (chain.length == 0) {
                throw new InvalidInputException(certFile + ": no certificate");
            }
            PrivateKey key = privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
            if (!key.getAlgorithm().equals(chain[0].getPublicKey().getAlgorithm())) {
                throw new InvalidInputException(keyFile + ": a " + key.getAlgorithm() + " key for a "
                        + chain[0].getPublicKey().getAlgorithm() + " certificate");
            }
            return new Pair("vouch-" + generation.incrementAndGet(), chain, key, ct, kt);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(e.getFile() + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidInputException(
                    certFile + ", " + keyFile + ": not a readable certificate and key (" + e.getMessage() + ")", e);
        }
    }

    private PrivateKey privateKey(String pem) throws IOException {
        Object o;
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            o = p.readObject();
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (o instanceof PEMKeyPair kp) {
            return converter.getPrivateKey(kp.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        throw new InvalidInputException(keyFile + ": not an unencrypted PEM private key");
    }

    private String alias(String keyType) {
        Pair p = current;
        String alg = p.key().getAlgorithm();
        boolean fits = keyType == null
                || keyType.startsWith(alg)
                || (alg.equals("RSA") && keyType.equals("RSASSA-PSS"))
                || (alg.equals("EC") && keyType.startsWith("EC"));
        return fits ? p.alias() : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String a = alias(keyType);
        return a == null ? null : new String[] {a};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Pair p = byAlias.get(alias);
        return p == null ? null : p.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Pair p = byAlias.get(alias);
        return p == null ? null : p.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
