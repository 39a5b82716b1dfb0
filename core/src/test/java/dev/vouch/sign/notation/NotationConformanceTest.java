package dev.vouch.sign.notation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vouch.SharedCorpora;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Notary Project's envelope conformance vectors ({@code notation-core-go/signature/{jws,cose}/testdata/
 * conformance.json}): the encodings its signer must produce. vouch's readers take them apart to exactly the headers,
 * times and payload the vector states. The vectors carry no certificate chain (the conformance key lives in Go test
 * code), so verifying them ends, as it must, at the missing chain.
 */
class NotationConformanceTest {
    @Test
    void theCoseVectorReadsAsItsParts() throws Exception {
        JsonNode v = new ObjectMapper()
                .readTree(Files.readAllBytes(
                        SharedCorpora.path("notation/notation-core-go/signature/cose/testdata/conformance.json")));
        byte[] expected =
                HexFormat.of().parseHex(v.at("/expectedOutput/cborHex").asText());
        Object root = Cbor.decode(expected, "the vector");
        assertThat(root).isInstanceOf(Cbor.Tagged.class);
        assertThat(((Cbor.Tagged) root).tag()).isEqualTo(18);
        List<?> parts = (List<?>) ((Cbor.Tagged) root).value();
        assertThat((byte[]) parts.get(0))
                .isEqualTo(HexFormat.of()
                        .parseHex(v.at("/protectedHeaders/cborHex").asText()));
        assertThat((byte[]) parts.get(2))
                .isEqualTo(HexFormat.of().parseHex(v.path("payload").asText()));
        assertThat(Cbor.decode(
                        HexFormat.of()
                                .parseHex(v.at("/unprotectedHeaders/cborHex").asText()),
                        "unprotected"))
                .isEqualTo(Map.of("io.cncf.notary.signingAgent", "NotationConformanceTest/1.0.0"));
        Map<?, ?> header = (Map<?, ?>) Cbor.decode((byte[]) parts.get(0), "protected");
        assertThat(header.get(1L)).isEqualTo(-38L); // PS384
        assertThat(header.get(2L))
                .isEqualTo(List.of("io.cncf.notary.signingScheme", "io.cncf.notary.expiry", "signedCritKey1"));
        assertThat(header.get(NotationVerifier.SIGNING_TIME))
                .isEqualTo(new Cbor.Tagged(1, v.path("signingTime").asLong()));
        assertThat(header.get(NotationVerifier.EXPIRY))
                .isEqualTo(new Cbor.Tagged(1, v.path("expiry").asLong()));
        assertThat(((byte[]) parts.get(3)).length).isEqualTo(384); // RSASSA-PSS with a 3072-bit key
        // the Sig_structure vouch verifies over is the one RFC 9052 defines for these parts
        byte[] sig = CoseEnvelope.sigStructure((byte[]) parts.get(0), (byte[]) parts.get(2));
        assertThat(Cbor.decode(sig, "Sig_structure")).isInstanceOf(List.class);
        assertThat(((List<?>) Cbor.decode(sig, "Sig_structure")).get(0)).isEqualTo("Signature1");
        assertThatThrownBy(() -> CoseEnvelope.parse(expected))
                .hasMessage("the COSE envelope has no certificate chain (x5chain, label 33)");
    }

    @Test
    void theJwsVectorReadsAsItsParts() throws Exception {
        byte[] vector = Files.readAllBytes(
                SharedCorpora.path("notation/notation-core-go/signature/jws/testdata/conformance.json"));
        JsonNode v = new ObjectMapper().readTree(vector);
        JsonNode header = new ObjectMapper()
                .readTree(java.util.Base64.getUrlDecoder()
                        .decode(v.path("protected").asText()));
        assertThat(header.path("alg").asText()).isEqualTo("ES256");
        assertThat(header.path("crit").toString())
                .isEqualTo("[\"io.cncf.notary.signingScheme\",\"signedCritKey1\",\"io.cncf.notary.expiry\"]");
        assertThat(new String(
                        java.util.Base64.getUrlDecoder()
                                .decode(v.path("payload").asText()),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"key\":\"hello JWS\"}");
        assertThatThrownBy(() -> JwsEnvelope.parse(vector))
                .hasMessage("the JWS envelope has no certificate chain (header.x5c)");
    }
}
