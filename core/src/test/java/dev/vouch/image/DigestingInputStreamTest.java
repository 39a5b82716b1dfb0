package dev.vouch.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.IntegrityException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestingInputStreamTest {
    private static final byte[] DATA = "hello, layer".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsMatchingDigestAndSize() throws Exception {
        var in = new DigestingInputStream(new ByteArrayInputStream(DATA), "blob", Digest.sha256(DATA), DATA.length);
        assertThat(in.drain()).isEqualTo(DATA.length);
        assertThat(in.actual()).isEqualTo(Digest.sha256(DATA));
    }

    @Test
    void sha512IsVerifiedToo() throws Exception {
        Digest d = Digest.of("sha512", DATA);
        var in = new DigestingInputStream(new ByteArrayInputStream(DATA), "blob", d, DATA.length);
        in.drain();
        assertThat(in.actual()).isEqualTo(d);
        var bad =
                new DigestingInputStream(new ByteArrayInputStream(DATA), "blob", Digest.of("sha512", new byte[1]), -1);
        assertThatThrownBy(bad::drain).isInstanceOf(IntegrityException.class).hasMessageContaining("sha512:");
    }

    @Test
    void digestMismatchNamesBothDigests() {
        Digest wrong = Digest.sha256(new byte[] {1});
        var in = new DigestingInputStream(new ByteArrayInputStream(DATA), "layer 1 (x)", wrong, DATA.length);
        assertThatThrownBy(in::drain)
                .isInstanceOf(IntegrityException.class)
                .hasMessage("layer 1 (x): digest mismatch: expected " + wrong + ", got " + Digest.sha256(DATA));
    }

    @Test
    void longerThanPromisedFailsBeforeTheEnd() {
        var in = new DigestingInputStream(new ByteArrayInputStream(new byte[1 << 20]), "blob", null, 10);
        assertThatThrownBy(() -> in.read(new byte[100])).hasMessageContaining("expected 10 bytes, the blob is longer");
    }

    @Test
    void shorterThanPromisedFails() {
        var in = new DigestingInputStream(new ByteArrayInputStream(DATA), "blob", Digest.sha256(DATA), DATA.length + 1);
        assertThatThrownBy(in::drain).hasMessageContaining("size mismatch: expected 13 bytes, got 12");
    }
}
