package dev.vouch.layer;

import dev.vouch.image.Digest;
import dev.vouch.io.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a {@link StoredLayer} is kept, on disk or in the server's database: a header line naming the format and the
 * SHA-256 of the gzipped JSON that follows it. A record whose checksum does not match is not read.
 */
public final class LayerResultCodec {
    private static final String MAGIC = "vouch-layer-results/1 ";

    private LayerResultCodec() {}

    /** The name a layer's results are kept under: a hash of the build, blob digest, diff_id and analyzers. */
    public static String key(String build, Digest blob, Digest diffId, String analyzers) {
        String key = String.join("\n", build, blob.toString(), diffId.toString(), analyzers);
        return Digest.sha256(key.getBytes(StandardCharsets.UTF_8)).hex();
    }

    /**
     * The stored layer, or null when it is not intact or not what it was looked up as (another blob, diff_id or set
     * of analyzers): such a record is never used.
     */
    public static StoredLayer decode(byte[] bytes, Digest blob, Digest diffId, String analyzers) {
        StoredLayer kept = decode(bytes);
        if (kept == null
                || !kept.blob().equals(blob)
                || !kept.diffId().equals(diffId)
                || !kept.analyzers().equals(analyzers)) {
            return null;
        }
        return kept;
    }

    /** The stored layer, or null when the checksum or the JSON is not intact. */
    public static StoredLayer decode(byte[] bytes) {
        int nl = -1;
        for (int i = 0; i < Math.min(bytes.length, 200); i++) {
            if (bytes[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            return null;
        }
        String header = new String(bytes, 0, nl, StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOfRange(bytes, nl + 1, bytes.length);
        if (!header.equals(MAGIC + Digest.sha256(body))) {
            return null;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return Json.stored().readValue(in, StoredLayer.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static byte[] encode(StoredLayer layer) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz, 1 << 16)) {
            Json.stored().writeValue(out, layer);
        }
        byte[] body = gz.toByteArray();
        byte[] header = (MAGIC + Digest.sha256(body) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        return all;
    }
}
