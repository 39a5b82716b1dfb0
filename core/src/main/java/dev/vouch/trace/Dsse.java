package dev.vouch.trace;

import java.nio.charset.StandardCharsets;

/**
 * The DSSE pre-authentication encoding a DSSE signature is made over (<a
 * href="https://github.com/secure-systems-lab/dsse/blob/master/protocol.md">DSSE protocol</a>):
 * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}.
 */
final class Dsse {
    private Dsse() {}

    static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }
}
