package dev.vouch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A TUF repository in the Sigstore form (<a href="https://theupdateframework.github.io/specification/latest/">TUF
 * 1.0</a>: ECDSA P-256 keys as PEM, hex DER signatures over the canonical JSON of {@code signed}, hex hashes) made in
 * test code and served on loopback, with a {@code trusted_root.json} target; every piece can be changed.
 */
final class TufRepo implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** A key and its TUF description. */
    static final class Key {
        final KeyPair pair;
        final Map<String, Object> json = new TreeMap<>();
        final String id;

        Key() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            pair = g.generateKeyPair();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            json.put("keytype", "ecdsa");
            json.put("scheme", "ecdsa-sha2-nistp256");
            json.put("keyval", new TreeMap<>(Map.of("public", pem)));
            id = HexFormat.of().formatHex(sha256(JSON.writeValueAsBytes(json)));
        }

        Map<String, Object> sign(byte[] data) throws Exception {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(pair.getPrivate());
            s.update(data);
            return new TreeMap<>(Map.of("keyid", id, "sig", HexFormat.of().formatHex(s.sign())));
        }
    }

    final Map<String, byte[]> files = new HashMap<>();
    private final HttpServer server;

    Key root = new Key();
    final Key online = new Key();
    int rootVersion = 1;
    int version = 1;
    Instant timestampExpires = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    byte[] trustedRoot = ("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
                    + "\"tlogs\":[],\"certificateAuthorities\":[],\"ctlogs\":[],\"timestampAuthorities\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    /** Extra keys that sign the next root (the previous root's key, in a rotation). */
    final List<Key> alsoSignRoot = new ArrayList<>();

    TufRepo() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath().substring(1);
            byte[] body = files.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Writes N.root.json for the current root, and the other roles and the target. */
    TufRepo publish() throws Exception {
        String expires = Instant.now()
                .plus(365, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        Map<String, Object> keys = new TreeMap<>();
        keys.put(root.id, root.json);
        keys.put(online.id, online.json);
        Map<String, Object> roles = new TreeMap<>();
        roles.put("root", role(root));
        for (String r : List.of("timestamp", "snapshot", "targets")) {
            roles.put(r, role(online));
        }
        Map<String, Object> rootSigned = meta("root", rootVersion, expires);
        rootSigned.put("consistent_snapshot", false);
        rootSigned.put("keys", keys);
        rootSigned.put("roles", roles);
        List<Key> signers = new ArrayList<>(List.of(root));
        signers.addAll(alsoSignRoot);
        files.put(rootVersion + ".root.json", document(rootSigned, signers));

        Map<String, Object> targetsSigned = meta("targets", version, expires);
        Map<String, Object> target = new TreeMap<>();
        target.put("length", trustedRoot.length);
        target.put("hashes", new TreeMap<>(Map.of("sha256", HexFormat.of().formatHex(sha256(trustedRoot)))));
        targetsSigned.put("targets", new TreeMap<>(Map.of("trusted_root.json", target)));
        files.put("targets.json", document(targetsSigned, List.of(online)));
        files.put(version + ".targets.json", files.get("targets.json"));
        files.put("targets/trusted_root.json", trustedRoot);
        files.put("targets/" + HexFormat.of().formatHex(sha256(trustedRoot)) + ".trusted_root.json", trustedRoot);

        Map<String, Object> snapshotSigned = meta("snapshot", version, expires);
        snapshotSigned.put("meta", new TreeMap<>(Map.of("targets.json", new TreeMap<>(Map.of("version", version)))));
        files.put("snapshot.json", document(snapshotSigned, List.of(online)));
        files.put(version + ".snapshot.json", files.get("snapshot.json"));

        Map<String, Object> timestampSigned = meta("timestamp", version, timestampExpires.toString());
        timestampSigned.put("meta", new TreeMap<>(Map.of("snapshot.json", new TreeMap<>(Map.of("version", version)))));
        files.put("timestamp.json", document(timestampSigned, List.of(online)));
        return this;
    }

    private static Map<String, Object> role(Key k) {
        return new TreeMap<>(Map.of("keyids", List.of(k.id), "threshold", 1));
    }

    private static Map<String, Object> meta(String type, int version, String expires) {
        Map<String, Object> m = new TreeMap<>();
        m.put("_type", type);
        m.put("spec_version", "1.0");
        m.put("version", version);
        m.put("expires", expires);
        return m;
    }

    static byte[] document(Map<String, Object> signed, List<Key> signers) throws Exception {
        byte[] canonical = canonical(signed).getBytes(StandardCharsets.UTF_8);
        List<Object> sigs = new ArrayList<>();
        for (Key k : signers) {
            sigs.add(k.sign(canonical));
        }
        Map<String, Object> doc = new TreeMap<>();
        doc.put("signed", signed);
        doc.put("signatures", sigs);
        return JSON.writeValueAsBytes(doc);
    }

    /**
     * The canonical JSON TUF signs (securesystemslib's, as sigstore-java reads it): keys sorted, no whitespace, and in
     * strings only the quote and the backslash escaped (a PEM key's newlines stay raw).
     */
    @SuppressWarnings("unchecked")
    static String canonical(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            new TreeMap<>((Map<String, Object>) m).forEach((k, v) -> {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(canonical(k)).append(':').append(canonical(v));
            });
            return b.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object e : l) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(canonical(e));
            }
            return b.append(']').toString();
        }
        if (o instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(o);
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
