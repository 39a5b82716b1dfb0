package dev.vouch.sign;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl's {@code crypto_secretbox} (XSalsa20 + Poly1305, <a href="https://nacl.cr.yp.to/secretbox.html">NaCl</a>), as
 * Go's {@code golang.org/x/crypto/nacl/secretbox} lays it out: the 16-byte tag first, then the encrypted message. The
 * first 32 bytes of the XSalsa20 key stream are the Poly1305 key; the message is encrypted with the stream after them.
 */
final class SecretBox {
    static final int KEY = 32;
    static final int NONCE = 24;
    static final int TAG = 16;

    private SecretBox() {}

    static byte[] seal(byte[] message, byte[] nonce, byte[] key) {
        XSalsa20Engine stream = stream(nonce, key);
        byte[] macKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, macKey, 0);
        byte[] out = new byte[TAG + message.length];
        stream.processBytes(message, 0, message.length, out, TAG);
        byte[] tag = tag(macKey, out, TAG, message.length);
        System.arraycopy(tag, 0, out, 0, TAG);
        return out;
    }

    /** The message, or null when the tag does not verify (wrong key or password, or a changed box). */
    static byte[] open(byte[] box, byte[] nonce, byte[] key) {
        if (box.length < TAG) {
            return null;
        }
        XSalsa20Engine stream = stream(nonce, key);
        byte[] macKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, macKey, 0);
        byte[] expected = tag(macKey, box, TAG, box.length - TAG);
        if (!MessageDigest.isEqual(expected, Arrays.copyOf(box, TAG))) {
            return null;
        }
        byte[] message = new byte[box.length - TAG];
        stream.processBytes(box, TAG, message.length, message, 0);
        return message;
    }

    private static XSalsa20Engine stream(byte[] nonce, byte[] key) {
        if (nonce.length != NONCE || key.length != KEY) {
            throw new IllegalArgumentException("secretbox needs a 24-byte nonce and a 32-byte key");
        }
        XSalsa20Engine e = new XSalsa20Engine();
        e.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return e;
    }

    private static byte[] tag(byte[] macKey, byte[] data, int off, int len) {
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(macKey));
        mac.update(data, off, len);
        byte[] tag = new byte[TAG];
        mac.doFinal(tag, 0);
        return tag;
    }
}
