package dev.vouch.engine;

import dev.vouch.error.EngineException;
import dev.vouch.error.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.commons.io.input.BoundedInputStream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * One HTTP/1.1 exchange with an engine (<a href="https://www.rfc-editor.org/rfc/rfc9112">RFC 9112</a>): the JDK's
 * HttpClient cannot speak over a Unix socket, so the request is written by hand ({@code Connection: close}, one request
 * per connection) and the response head is parsed with bounds (64 KiB, 100 headers); the body is framed by
 * {@code Content-Length}, chunked encoding, or the end of the connection. Every read waits at most the idle timeout.
 * TCP endpoints with TLS present the client certificate of {@code cert.pem}/{@code key.pem} and trust {@code ca.pem}.
 */
final class Http {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_HEADERS = 100;

    /** A response whose body is read as it arrives; closing it closes the connection. */
    record Exchange(int status, Map<String, String> headers, InputStream body, Closeable connection)
            implements Closeable {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    private Http() {}

    static Exchange get(EngineEndpoint ep, String path, Duration idle) throws IOException {
        String what = ep.kind().label() + " engine at " + ep;
        Closeable conn;
        InputStream in;
        OutputStream out;
        if (!ep.tcp()) {
            SocketChannel ch = connectUnix(ep, what);
            SocketStreams s;
            try {
                s = new SocketStreams(ch, idle.toMillis(), what);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            conn = s;
            in = s.input();
            out = s.output();
        } else {
            Socket socket = connectTcp(ep, idle, what);
            conn = socket;
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
        try {
            OutputStream w = new BufferedOutputStream(out, 4096);
            String host = ep.tcp() ? ep.address() : "docker";
            w.write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                            + "\r\nUser-Agent: vouch\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            w.flush();
            InputStream r = new BufferedInputStream(in, 1 << 16);
            int status = statusLine(ChunkedBody.line(r, what), what);
            Map<String, String> headers = headers(r, what);
            InputStream body;
            String te = headers.getOrDefault("transfer-encoding", "");
            String cl = headers.get("content-length");
            if (te.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = new ChunkedBody(r, what);
            } else if (cl != null) {
                long n;
                try {
                    n = Long.parseLong(cl.strip());
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n < 0) {
                    throw new EngineException(what + ": bad Content-Length '" + printable(cl) + "'");
                }
                body = BoundedInputStream.builder()
                        .setInputStream(r)
                        .setMaxCount(n)
                        .get();
            } else {
                body = r;
            }
            return new Exchange(status, headers, body, conn);
        } catch (SocketTimeoutException e) {
            conn.close();
            throw new EngineException(what + ": no answer within " + idle.toSeconds() + " s", e);
        } catch (IOException | RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    private static SocketChannel connectUnix(EngineEndpoint ep, String what) throws IOException {
        Path socket = ep.socket();
        if (!Files.exists(socket)) {
            throw new EngineException(
                    what + " is not reachable: no such socket (" + ep.foundBy() + ")",
                    new FileNotFoundException(socket.toString()));
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (AccessDeniedException e) {
            ch.close();
            throw permission(ep, what, e);
        } catch (SocketException e) {
            ch.close();
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("Permission denied")) {
                throw permission(ep, what, e);
            }
            throw new EngineException(
                    what + " is not reachable: "
                            + (m.contains("refused") ? "connection refused (is the engine running?)" : m),
                    e);
        }
    }

    private static EngineException permission(EngineEndpoint ep, String what, Exception e) {
        return new EngineException(
                what + ": permission denied on the socket; add your user to the socket's group"
                        + " (ls -l " + ep.address() + ") or use the rootless engine's socket (DOCKER_HOST=unix://"
                        + "$XDG_RUNTIME_DIR/docker.sock)",
                e);
    }

    private static Socket connectTcp(EngineEndpoint ep, Duration idle, String what) throws IOException {
        int colon = ep.address().lastIndexOf(':');
        String host = ep.address().substring(0, colon).replaceAll("^\\[|]$", "");
        int port;
        try {
            port = Integer.parseInt(ep.address().substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(ep.foundBy() + ": bad port in " + ep.url());
        }
        Socket socket = ep.tlsDir() == null
                ? new Socket()
                : tls(ep, what).getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(idle.toMillis(), 10_000));
            socket.setSoTimeout((int) idle.toMillis());
            if (socket instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            return socket;
        } catch (IOException e) {
            socket.close();
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new EngineException(what + " is not reachable: " + m, e);
        }
    }

    /** The TLS client of {@code DOCKER_CERT_PATH}: ca.pem as the only trust anchor, cert.pem and key.pem as our identity. */
    private static SSLContext tls(EngineEndpoint ep, String what) {
        Path dir = ep.tlsDir();
        try {
            KeyManagerFactory kmf = null;
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                Collection<? extends Certificate> chain = certificates(cert);
                ks.setKeyEntry("client", privateKey(key), new char[0], chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
            }
            TrustManager[] trust;
            if (ep.tlsVerify()) {
                Path ca = dir.resolve("ca.pem");
                if (!Files.isRegularFile(ca)) {
                    throw new InvalidInputException(what + ": " + ca + " is missing (needed to verify the engine)");
                }
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                int i = 0;
                for (Certificate c : certificates(ca)) {
                    ts.setCertificateEntry("ca-" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
                trust = tmf.getTrustManagers();
            } else {
                trust = new TrustManager[] {new AnyServer()};
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidInputException(
                    what + ": the TLS files in " + dir + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path pem)
            throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> c =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (c.isEmpty()) {
                throw new InvalidInputException(pem + ": holds no certificate");
            }
            return c;
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return converter.getPrivateKey(kp.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new InvalidInputException(pem + ": not an unencrypted PEM private key");
        }
    }

    /** Docker's own client with DOCKER_TLS but without DOCKER_TLS_VERIFY does not check the server either. */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }

    private static int statusLine(String line, String what) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new EngineException(what + ": not an HTTP response ('" + printable(line) + "')");
        }
        return Integer.parseInt(parts[1]);
    }

    private static Map<String, String> headers(InputStream in, String what) throws IOException {
        Map<String, String> out = new TreeMap<>();
        int total = 0;
        for (int i = 0; ; i++) {
            String line = ChunkedBody.line(in, what);
            if (line.isEmpty()) {
                return out;
            }
            total += line.length();
            if (i >= MAX_HEADERS || total > MAX_HEAD) {
                throw new EngineException(
                        what + ": response headers exceed " + MAX_HEADERS + " lines or " + MAX_HEAD + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.merge(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
        }
    }

    /** A peer's text cut to 80 printable characters, for messages. */
    static String printable(String s) {
        String p = s.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "…" : p;
    }
}
