package dev.vouch.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Key files as cosign writes and reads them: {@code cosign.pub} (a PKIX {@code PUBLIC KEY} PEM) and {@code cosign.key},
 * an {@code ENCRYPTED SIGSTORE PRIVATE KEY} (or the older {@code ENCRYPTED COSIGN PRIVATE KEY}) PEM whose body is the
 * JSON of securesystemslib's encrypted format: {@code kdf} scrypt (N, r, p, salt), {@code cipher} nacl/secretbox
 * (nonce), {@code ciphertext} sealing the PKCS#8 private key (<a
 * href="https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md">cosign's signature spec</a>). Plain
 * PKCS#8 ({@code PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}) PEM are read too. Only ECDSA P-256 keys are used.
 */
public final class CosignKeys {
    static final String ENCRYPTED = "ENCRYPTED SIGSTORE PRIVATE KEY";
    private static final String ENCRYPTED_OLD = "ENCRYPTED COSIGN PRIVATE KEY";
    private static final int SCRYPT_N = 1 << 15;
    private static final int MAX_SCRYPT_N = 1 << 20;

    private CosignKeys() {}

    /** A new ECDSA P-256 key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no ECDSA P-256 in this JDK", e);
        }
    }

    /** The public key as cosign.pub holds it. */
    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The private key as cosign.key holds it, sealed with the password. */
    public static String encryptedPem(PrivateKey key, char[] password) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[32];
        byte[] nonce = new byte[SecretBox.NONCE];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] k = SCrypt.generate(utf8(password), salt, SCRYPT_N, 8, 1, SecretBox.KEY);
        byte[] box = SecretBox.seal(key.getEncoded(), nonce, k);
        ObjectNode doc = Json.writer().createObjectNode();
        ObjectNode kdf = doc.putObject("kdf");
        kdf.put("name", "scrypt");
        kdf.putObject("params").put("N", SCRYPT_N).put("r", 8).put("p", 1);
        kdf.put("salt", Base64.getEncoder().encodeToString(salt));
        doc.putObject("cipher")
                .put("name", "nacl/secretbox")
                .put("nonce", Base64.getEncoder().encodeToString(nonce));
        doc.put("ciphertext", Base64.getEncoder().encodeToString(box));
        return pem(ENCRYPTED, doc.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a private key file; {@code password} is asked for only when the file is encrypted.
     *
     * @param name the file, for messages
     */
    public static PrivateKey readPrivate(String pemText, String name, java.util.function.Supplier<char[]> password) {
        PemObject pem = onePem(pemText, name);
        try {
            return switch (pem.getType()) {
                case ENCRYPTED, ENCRYPTED_OLD -> decrypt(pem.getContent(), name, password.get());
                case "PRIVATE KEY" ->
                    ecPrivate(
                            KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pem.getContent())),
                            name);
                case "EC PRIVATE KEY" -> {
                    Object parsed = new PEMParser(new StringReader(pemText)).readObject();
                    if (!(parsed instanceof PEMKeyPair kp)) {
                        throw new InvalidInputException(name + ": not an EC private key");
                    }
                    PrivateKeyInfo info = kp.getPrivateKeyInfo();
                    yield ecPrivate(
                            KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded())),
                            name);
                }
                default ->
                    throw new InvalidInputException(
                            name + ": a " + pem.getType() + " PEM is not a private key vouch can use");
            };
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new InvalidInputException(name + ": not a readable EC private key (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a public key file ({@code PUBLIC KEY} PEM, ECDSA). */
    public static PublicKey readPublic(String pemText, String name) {
        PemObject pem = onePem(pemText, name);
        if (!pem.getType().equals("PUBLIC KEY")) {
            throw new InvalidInputException(name + ": expected a PUBLIC KEY PEM, found " + pem.getType());
        }
        try {
            PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pem.getContent()));
            if (!(k instanceof ECPublicKey)) {
                throw new InvalidInputException(name + ": not an ECDSA public key");
            }
            return k;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidInputException(name + ": not an ECDSA public key (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey decrypt(byte[] json, String name, char[] password) throws GeneralSecurityException {
        JsonNode doc = Json.tree(json, name);
        JsonNode kdf = doc.path("kdf");
        JsonNode params = kdf.path("params");
        if (!"scrypt".equals(kdf.path("name").asText())
                || !"nacl/secretbox".equals(doc.path("cipher").path("name").asText())) {
            throw new InvalidInputException(name + ": only scrypt + nacl/secretbox encrypted keys are supported");
        }
        int n = params.path("N").asInt(0);
        int r = params.path("r").asInt(0);
        int p = params.path("p").asInt(0);
        // hostile parameters must not cost unbounded memory or time: N a power of two up to 2^20, r and p small
        if (n < 2 || n > MAX_SCRYPT_N || Integer.bitCount(n) != 1 || r < 1 || r > 16 || p < 1 || p > 16) {
            throw new InvalidInputException(
                    name + ": scrypt parameters out of range (N=" + n + ", r=" + r + ", p=" + p + ")");
        }
        byte[] salt = base64(doc.path("kdf").path("salt"), name, "kdf.salt");
        byte[] nonce = base64(doc.path("cipher").path("nonce"), name, "cipher.nonce");
        byte[] box = base64(doc.path("ciphertext"), name, "ciphertext");
        if (nonce.length != SecretBox.NONCE) {
            throw new InvalidInputException(name + ": cipher.nonce must be 24 bytes");
        }
        byte[] key = SCrypt.generate(utf8(password), salt, n, r, p, SecretBox.KEY);
        byte[] der = SecretBox.open(box, nonce, key);
        if (der == null) {
            throw new InvalidInputException(name + ": wrong password (or the key file was changed)");
        }
        return ecPrivate(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)), name);
    }

    private static PrivateKey ecPrivate(PrivateKey k, String name) {
        if (!(k instanceof ECPrivateKey)) {
            throw new InvalidInputException(name + ": not an ECDSA private key");
        }
        return k;
    }

    private static byte[] base64(JsonNode node, String name, String field) {
        if (!node.isTextual()) {
            throw new InvalidInputException(name + ": " + field + " is missing");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + ": " + field + " is not base64");
        }
    }

    private static PemObject onePem(String text, String name) {
        try (PemReader r = new PemReader(new StringReader(text))) {
            PemObject pem = r.readPemObject();
            if (pem == null) {
                throw new InvalidInputException(name + ": no PEM block");
            }
            return pem;
        } catch (IOException e) {
            throw new InvalidInputException(name + ": not PEM (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] utf8(char[] password) {
        return new String(password).getBytes(StandardCharsets.UTF_8);
    }

    static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }
}
