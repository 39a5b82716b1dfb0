package dev.vouch.sign.dct;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A Notary server's trust data made in test code, in Notary's formats (signatures over the bytes of {@code signed},
 * ECDSA as raw r||s, Ed25519, key ids the SHA-256 of the canonical key JSON), served over loopback HTTP; each piece
 * can be changed to make the hostile cases.
 */
final class NotaryRepo implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A signing key of one of Notary's types. */
    static final class Key {
        final String type;
        final String publicBase64;
        final String id;
        final KeyPair ec;
        private final Ed25519PrivateKeyParameters ed;

        private Key(String type, String publicBase64, KeyPair ec, Ed25519PrivateKeyParameters ed) {
            this.type = type;
            this.publicBase64 = publicBase64;
            this.ec = ec;
            this.ed = ed;
            String canonical =
                    "{\"keytype\":\"" + type + "\",\"keyval\":{\"private\":null,\"public\":\"" + publicBase64 + "\"}}";
            this.id = hex(sha("SHA-256", canonical.getBytes(StandardCharsets.UTF_8)));
        }

        static Key ecdsa() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            return new Key(
                    "ecdsa", Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()), kp, null);
        }

        static Key rsa() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            return new Key(
                    "rsa", Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()), kp, null);
        }

        static Key ed25519() {
            Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
            g.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            AsymmetricCipherKeyPair kp = g.generateKeyPair();
            byte[] pub = ((Ed25519PublicKeyParameters) kp.getPublic()).getEncoded();
            return new Key("ed25519", Base64.getEncoder().encodeToString(pub), null, (Ed25519PrivateKeyParameters)
                    kp.getPrivate());
        }

        ObjectNode json() {
            ObjectNode k = JSON.createObjectNode().put("keytype", type);
            k.putObject("keyval").putNull("private").put("public", publicBase64);
            return k;
        }

        ObjectNode sign(byte[] data) throws Exception {
            byte[] sig;
            String method;
            if (ed != null) {
                Ed25519Signer s = new Ed25519Signer();
                s.init(true, ed);
                s.update(data, 0, data.length);
                sig = s.generateSignature();
                method = "eddsa";
            } else if (type.equals("rsa")) {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new java.security.spec.PSSParameterSpec(
                        "SHA-256", "MGF1", java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
                s.initSign(ec.getPrivate());
                s.update(data);
                sig = s.sign();
                method = "rsapss";
            } else {
                Signature s = Signature.getInstance("SHA256withECDSA");
                s.initSign(ec.getPrivate());
                s.update(data);
                ASN1Sequence seq = ASN1Sequence.getInstance(s.sign());
                sig = new byte[64];
                copy(((ASN1Integer) seq.getObjectAt(0)).getValue(), sig, 0);
                copy(((ASN1Integer) seq.getObjectAt(1)).getValue(), sig, 32);
                method = "ecdsa";
            }
            return JSON.createObjectNode()
                    .put("keyid", id)
                    .put("method", method)
                    .put("sig", Base64.getEncoder().encodeToString(sig));
        }

        private static void copy(BigInteger v, byte[] out, int at) {
            byte[] b = v.toByteArray();
            int n = Math.min(b.length, 32);
            System.arraycopy(b, b.length - n, out, at + 32 - n, n);
        }
    }

    final String gun = "127.0.0.1:5000/team/app";
    final Map<String, byte[]> files = new LinkedHashMap<>();
    private final HttpServer server;

    Key root = Key.ecdsa();
    Key timestampKey = Key.ed25519();
    Key snapshotKey = Key.ed25519();
    Key targetsKey = Key.ecdsa();
    Key releasesKey = Key.ed25519();

    int version = 1;
    int rootVersion = 1;
    Instant expires = Instant.now().plusSeconds(86400);
    Instant timestampExpires = Instant.now().plusSeconds(3600);
    int targetsThreshold = 1;
    List<String> releasesPaths = List.of("");
    /** tag to (sha256 hex, length) in targets and in targets/releases. */
    final Map<String, Object[]> targets = new LinkedHashMap<>();

    final Map<String, Object[]> releases = new LinkedHashMap<>();
    /** extra keys that sign root.json (a rotation: the old root's). */
    final List<Key> alsoSignRoot = new ArrayList<>();

    private byte[] lastRootSigned;
    private int lastRootSigners;

    NotaryRepo() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String prefix = "/v2/" + gun + "/_trust/tuf/";
            String path = ex.getRequestURI().getPath();
            byte[] body = path.startsWith(prefix) && path.endsWith(".json")
                    ? files.get(path.substring(prefix.length(), path.length() - 5))
                    : null;
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
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Writes every role from the fields above, each signed by its key, parents listing their children's hashes. */
    NotaryRepo publish() throws Exception {
        ObjectNode rootSigned = JSON.createObjectNode().put("_type", "Root").put("consistent_snapshot", false);
        rootSigned.put("expires", expires.toString());
        ObjectNode keys = rootSigned.putObject("keys");
        ObjectNode roles = rootSigned.putObject("roles");
        for (var e : Map.of("root", root, "timestamp", timestampKey, "snapshot", snapshotKey, "targets", targetsKey)
                .entrySet()) {
            keys.set(e.getValue().id, e.getValue().json());
            ObjectNode r = roles.putObject(e.getKey());
            r.putArray("keyids").add(e.getValue().id);
            r.put("threshold", e.getKey().equals("targets") ? targetsThreshold : 1);
        }
        rootSigned.put("version", rootVersion);
        List<Key> rootSigners = new ArrayList<>(List.of(root));
        rootSigners.addAll(alsoSignRoot);
        // the server keeps root.json as it was signed until the root changes (ECDSA signatures differ each time)
        byte[] rootSignedBytes = JSON.writeValueAsBytes(rootSigned);
        if (!files.containsKey("root")
                || !java.util.Arrays.equals(rootSignedBytes, lastRootSigned)
                || rootSigners.size() != lastRootSigners) {
            files.put("root", document(rootSigned, rootSigners));
            lastRootSigned = rootSignedBytes;
            lastRootSigners = rootSigners.size();
        }

        ObjectNode releasesSigned = targetsRole(releases);
        files.put("targets/releases", document(releasesSigned, List.of(releasesKey)));

        ObjectNode targetsSigned = targetsRole(targets);
        ObjectNode delegations = targetsSigned.putObject("delegations");
        delegations.putObject("keys").set(releasesKey.id, releasesKey.json());
        ObjectNode d = delegations.putArray("roles").addObject();
        d.put("name", "targets/releases");
        d.putArray("keyids").add(releasesKey.id);
        d.put("threshold", 1);
        ArrayNode paths = d.putArray("paths");
        releasesPaths.forEach(paths::add);
        files.put("targets", document(targetsSigned, List.of(targetsKey)));

        ObjectNode snapshotSigned = JSON.createObjectNode().put("_type", "Snapshot");
        snapshotSigned.put("expires", expires.toString());
        ObjectNode meta = snapshotSigned.putObject("meta");
        for (String role : List.of("root", "targets", "targets/releases")) {
            meta.set(role, meta(files.get(role)));
        }
        snapshotSigned.put("version", version);
        files.put("snapshot", document(snapshotSigned, List.of(snapshotKey)));

        ObjectNode timestampSigned = JSON.createObjectNode().put("_type", "Timestamp");
        timestampSigned.put("expires", timestampExpires.toString());
        timestampSigned.putObject("meta").set("snapshot", meta(files.get("snapshot")));
        timestampSigned.put("version", version);
        files.put("timestamp", document(timestampSigned, List.of(timestampKey)));
        return this;
    }

    private ObjectNode targetsRole(Map<String, Object[]> entries) {
        ObjectNode s = JSON.createObjectNode().put("_type", "Targets");
        s.putObject("delegations").putObject("keys");
        ((ObjectNode) s.path("delegations")).putArray("roles");
        s.put("expires", expires.toString());
        ObjectNode t = s.putObject("targets");
        entries.forEach((tag, v) -> {
            ObjectNode e = t.putObject(tag);
            e.putObject("hashes")
                    .put(
                            "sha256",
                            Base64.getEncoder().encodeToString(HexFormat.of().parseHex((String) v[0])));
            e.put("length", (Long) v[1]);
        });
        s.put("version", version);
        return s;
    }

    static byte[] document(ObjectNode signed, List<Key> signers) throws Exception {
        byte[] signedBytes = JSON.writeValueAsBytes(signed);
        ArrayNode sigs = JSON.createArrayNode();
        for (Key k : signers) {
            sigs.add(k.sign(signedBytes));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("{\"signed\":".getBytes(StandardCharsets.UTF_8));
        out.write(signedBytes);
        out.write((",\"signatures\":" + JSON.writeValueAsString(sigs) + "}").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static ObjectNode meta(byte[] file) {
        ObjectNode m = JSON.createObjectNode();
        m.putObject("hashes")
                .put("sha256", Base64.getEncoder().encodeToString(sha("SHA-256", file)))
                .put("sha512", Base64.getEncoder().encodeToString(sha("SHA-512", file)));
        m.put("length", file.length);
        return m;
    }

    static byte[] sha(String algorithm, byte[] b) {
        try {
            return MessageDigest.getInstance(algorithm).digest(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
