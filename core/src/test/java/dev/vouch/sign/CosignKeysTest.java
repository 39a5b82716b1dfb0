package dev.vouch.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cosign's encrypted key format against an independent implementation (PyNaCl's secretbox and Python's scrypt, as
 * Debian packages them), both ways; openssl's ECDSA signatures verified; hostile key files refused.
 */
class CosignKeysTest {
    @TempDir
    Path tmp;

    private static final String PYTHON = "/usr/bin/python3";

    /** Seals a PKCS#8 key the way cosign does, in Python: scrypt(N=32768, r=8, p=1) then nacl secretbox. */
    private static final String SEAL = """
            import base64, hashlib, json, os, sys
            import nacl.secret
            der = open(sys.argv[1], 'rb').read(); pw = sys.argv[2].encode()
            salt = os.urandom(32); nonce = os.urandom(24)
            key = hashlib.scrypt(pw, salt=salt, n=32768, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32)
            box = nacl.secret.SecretBox(key).encrypt(der, nonce)
            doc = {"kdf": {"name": "scrypt", "params": {"N": 32768, "r": 8, "p": 1}, "salt": base64.b64encode(salt).decode()},
                   "cipher": {"name": "nacl/secretbox", "nonce": base64.b64encode(nonce).decode()},
                   "ciphertext": base64.b64encode(box.ciphertext).decode()}
            b = base64.encodebytes(json.dumps(doc).encode()).decode()
            print("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\\n" + b + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----")
            """;

    /** Opens a cosign.key in Python and prints the PKCS#8 key in hex. */
    private static final String OPEN = """
            import base64, hashlib, json, sys
            import nacl.secret
            text = open(sys.argv[1]).read(); pw = sys.argv[2].encode()
            body = "".join(l for l in text.splitlines() if not l.startswith("-----"))
            doc = json.loads(base64.b64decode(body))
            p = doc["kdf"]["params"]
            key = hashlib.scrypt(pw, salt=base64.b64decode(doc["kdf"]["salt"]), n=p["N"], r=p["r"], p=p["p"],
                                 maxmem=64 * 1024 * 1024, dklen=32)
            der = nacl.secret.SecretBox(key).decrypt(base64.b64decode(doc["ciphertext"]), base64.b64decode(doc["cipher"]["nonce"]))
            print(der.hex())
            """;

    private String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aKeySealedByPyNaclOpensHereAndOneSealedHereOpensThere() throws Exception {
        KeyPair pair = CosignKeys.generate();
        Path der = Files.write(tmp.resolve("key.der"), pair.getPrivate().getEncoded());
        Path seal = Files.writeString(tmp.resolve("seal.py"), SEAL);
        String pem = run(PYTHON, seal.toString(), der.toString(), "correct horse");
        PrivateKey opened = CosignKeys.readPrivate(pem, "py.key", "correct horse"::toCharArray);
        assertThat(opened.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThatThrownBy(() -> CosignKeys.readPrivate(pem, "py.key", "wrong"::toCharArray))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("py.key: wrong password (or the key file was changed)");

        Path mine = Files.writeString(
                tmp.resolve("cosign.key"), CosignKeys.encryptedPem(pair.getPrivate(), "pässword".toCharArray()));
        Path open = Files.writeString(tmp.resolve("open.py"), OPEN);
        String hex = run(PYTHON, open.toString(), mine.toString(), "pässword").strip();
        assertThat(hex).isEqualTo(HexFormat.of().formatHex(pair.getPrivate().getEncoded()));
    }

    @Test
    void opensslSignaturesVerifyAndVouchsVerifyWithOpenssl() throws Exception {
        Path key = tmp.resolve("ec.pem");
        run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
        Path pub = tmp.resolve("pub.pem");
        run("openssl", "ec", "-in", key.toString(), "-pubout", "-out", pub.toString());
        Path payload = Files.write(
                tmp.resolve("payload.json"),
                new SimpleSigning("127.0.0.1:5000/team/app", dev.vouch.image.Digest.sha256(new byte[] {1})).bytes());
        Path sig = tmp.resolve("sig.der");
        run("openssl", "dgst", "-sha256", "-sign", key.toString(), "-out", sig.toString(), payload.toString());
        var publicKey = CosignKeys.readPublic(Files.readString(pub), "pub.pem");
        byte[] bytes = Files.readAllBytes(payload);
        assertThat(SignatureVerifier.verifies(
                        bytes, Base64.getEncoder().encodeToString(Files.readAllBytes(sig)), publicKey))
                .isTrue();
        bytes[10] ^= 1;
        assertThat(SignatureVerifier.verifies(
                        bytes, Base64.getEncoder().encodeToString(Files.readAllBytes(sig)), publicKey))
                .isFalse();
        // vouch signs with the SEC1 key file openssl wrote; openssl verifies
        PrivateKey priv = CosignKeys.readPrivate(Files.readString(key), "ec.pem", () -> {
            throw new AssertionError("a plain key needs no password");
        });
        Path mine = Files.write(
                tmp.resolve("mine.der"),
                Base64.getDecoder().decode(SignatureVerifier.sign(Files.readAllBytes(payload), priv)));
        assertThat(run(
                        "openssl",
                        "dgst",
                        "-sha256",
                        "-verify",
                        pub.toString(),
                        "-signature",
                        mine.toString(),
                        payload.toString()))
                .contains("Verified OK");
    }

    @Test
    void hostileKeyFilesAreRefusedWithTheirReason() {
        String json = "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":1073741824,\"r\":8,\"p\":1},\"salt\":\"AA==\"},"
                + "\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AA==\"},\"ciphertext\":\"AA==\"}";
        String pem = CosignKeys.pem(CosignKeys.ENCRYPTED, json.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CosignKeys.readPrivate(pem, "big.key", "x"::toCharArray))
                .hasMessage("big.key: scrypt parameters out of range (N=1073741824, r=8, p=1)");
        assertThatThrownBy(() -> CosignKeys.readPrivate("not a key", "junk.key", "x"::toCharArray))
                .hasMessage("junk.key: no PEM block");
        assertThatThrownBy(() -> CosignKeys.readPublic(CosignKeys.pem("CERTIFICATE", new byte[] {1}), "c.pem"))
                .hasMessage("c.pem: expected a PUBLIC KEY PEM, found CERTIFICATE");
        String badNonce = json.replace("1073741824", "32768");
        assertThatThrownBy(() -> CosignKeys.readPrivate(
                        CosignKeys.pem(CosignKeys.ENCRYPTED, badNonce.getBytes(StandardCharsets.UTF_8)),
                        "nonce.key",
                        "x"::toCharArray))
                .hasMessage("nonce.key: cipher.nonce must be 24 bytes");
    }
}
