package dev.vouch.sign.notation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.SharedCorpora;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Notation signatures the Notary Project made for its own tests ({@code ../shared/corpora/notation}, notation-go's
 * mock envelopes and trust stores), each with the outcome notation-go's verifier tests give it, at each level.
 */
class NotationVerifierTest {
    static final Descriptor SIGNED = Descriptor.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            Digest.parse("sha256:60043cf45eaebc4c0867fea485a039b598f52fd09fd5b07b0b2d2f88fad9d74e"),
            528);

    static byte[] envelope(String name) throws Exception {
        return Files.readAllBytes(SharedCorpora.path("notation/notation-go/internal/mock/testdata/" + name));
    }

    static NotationTrustStore store() {
        return new NotationTrustStore(SharedCorpora.path("notation/notation-go/verifier/testdata/truststore"));
    }

    static NotationTrustPolicy.Statement statement(NotationTrustPolicy.Level level, String store, String identity) {
        return new NotationTrustPolicy.Statement("test", List.of("*"), level, List.of(store), List.of(identity));
    }

    static NotationVerifier.Result verify(String envelope, NotationTrustPolicy.Level level, String store, String who)
            throws Exception {
        return NotationVerifier.verify(
                envelope(envelope),
                JwsEnvelope.MEDIA_TYPE,
                SIGNED,
                statement(level, store, who),
                store(),
                Instant.now());
    }

    @Test
    void aValidSignatureVerifiesAtEveryLevel() throws Exception {
        for (var level : List.of(
                NotationTrustPolicy.Level.STRICT,
                NotationTrustPolicy.Level.PERMISSIVE,
                NotationTrustPolicy.Level.AUDIT)) {
            var r = verify("ca_valid_sig_env.json", level, "ca:valid-trust-store", "*");
            assertThat(r.valid()).as(level + ": " + r.failure()).isTrue();
            assertThat(r.signer()).contains("O=Notary");
            assertThat(r.logged()).containsExactly("revocation: not checked (vouch verifies offline)");
        }
    }

    @Test
    void aBrokenEnvelopeFailsIntegrityEvenUnderAudit() throws Exception {
        var r = verify("ca_invalid_sig_env.json", NotationTrustPolicy.Level.AUDIT, "ca:valid-trust-store", "*");
        assertThat(r.valid()).isFalse();
        // notation-go: "signature is invalid. Error: illegal base64 data at input byte 242"
        assertThat(r.failure()).isEqualTo("integrity: the JWS envelope's payload is not base64url");
    }

    @Test
    void anExpiredSignatureFailsStrictAndIsLoggedOtherwise() throws Exception {
        var strict = verify("ca_expired_sig_env.json", NotationTrustPolicy.Level.STRICT, "ca:valid-trust-store", "*");
        assertThat(strict.valid()).isFalse();
        assertThat(strict.failure()).startsWith("expiry: the signature expired on ");
        var permissive =
                verify("ca_expired_sig_env.json", NotationTrustPolicy.Level.PERMISSIVE, "ca:valid-trust-store", "*");
        assertThat(permissive.valid()).isTrue();
        assertThat(permissive.logged().get(0))
                .startsWith("expiry: the signature expired on ")
                .endsWith("(logged under" + " permissive)");
    }

    @Test
    void anUntrustedChainOrIdentityFailsAuthenticityExceptUnderAudit() throws Exception {
        var other = verify("ca_valid_sig_env.json", NotationTrustPolicy.Level.STRICT, "ca:valid-trust-store-2", "*");
        assertThat(other.valid()).isFalse();
        assertThat(other.failure())
                .startsWith("authenticity: the certificate chain does not lead to a certificate of"
                        + " [ca:valid-trust-store-2]");
        var audit = verify("ca_valid_sig_env.json", NotationTrustPolicy.Level.AUDIT, "ca:valid-trust-store-2", "*");
        assertThat(audit.valid()).isTrue();
        assertThat(audit.logged().get(0)).startsWith("authenticity (logged under audit): ");
        var someoneElse = verify(
                "ca_valid_sig_env.json",
                NotationTrustPolicy.Level.STRICT,
                "ca:valid-trust-store",
                "x509.subject: C=US, ST=WA, O=Someone Else");
        assertThat(someoneElse.failure())
                .startsWith("authenticity: the signer ")
                .endsWith(" is not one of the trusted" + " identities of test");
        String exact = "x509.subject: " + someoneElse.signer();
        assertThat(verify("ca_valid_sig_env.json", NotationTrustPolicy.Level.STRICT, "ca:valid-trust-store", exact)
                        .valid())
                .isTrue();
    }

    @Test
    void aSignatureOfAnotherArtifactOrEnvelopeOrSchemeIsRefused() throws Exception {
        var other = NotationVerifier.verify(
                envelope("ca_valid_sig_env.json"),
                JwsEnvelope.MEDIA_TYPE,
                Descriptor.of(SIGNED.mediaType(), Digest.sha256(new byte[1]), 528),
                statement(NotationTrustPolicy.Level.STRICT, "ca:valid-trust-store", "*"),
                store(),
                Instant.now());
        assertThat(other.failure())
                .isEqualTo("integrity: the signature is for " + SIGNED.digest() + " (528 bytes), not this artifact, "
                        + Digest.sha256(new byte[1]) + " (528 bytes)");
        var unsupported = NotationVerifier.verify(
                envelope("ca_valid_sig_env.json"),
                "application/unsupported+json",
                SIGNED,
                statement(NotationTrustPolicy.Level.STRICT, "ca:valid-trust-store", "*"),
                store(),
                Instant.now());
        assertThat(unsupported.failure())
                .isEqualTo("integrity: signature envelopes of media type application/unsupported+json are not"
                        + " supported (JWS and COSE are)");
        // the signingAuthority scheme trusts signingAuthority stores, at the authentic signing time
        var authority = verify("sa_valid_sig_env.json", NotationTrustPolicy.Level.STRICT, "ca:valid-trust-store", "*");
        assertThat(authority.failure())
                .isEqualTo("authenticity: trust policy test names no signingAuthority trust store");
        assertThat(verify(
                                "sa_valid_sig_env.json",
                                NotationTrustPolicy.Level.STRICT,
                                "signingAuthority:valid-trust-store",
                                "*")
                        .valid())
                .isTrue();
        assertThat(verify(
                                "sa_expired_sig_env.json",
                                NotationTrustPolicy.Level.STRICT,
                                "signingAuthority:valid-trust-store",
                                "*")
                        .failure())
                .isEqualTo("expiry: the signature expired on 2022-07-29T23:59:00Z");
        var skipped = NotationVerifier.verify(
                "garbage".getBytes(StandardCharsets.UTF_8),
                JwsEnvelope.MEDIA_TYPE,
                SIGNED,
                new NotationTrustPolicy.Statement(
                        "skip", List.of("*"), NotationTrustPolicy.Level.SKIP, List.of(), List.of()),
                store(),
                Instant.now());
        assertThat(skipped.valid()).isTrue();
        assertThat(skipped.logged()).containsExactly("verification skipped by trust policy skip");
    }

    @Test
    void trustStoresHoldOnlyCaOrSelfSignedCertificatesAndNoLinks() throws Exception {
        assertThatThrownBy(() -> store().certificates("ca:trust-store-with-leaf-certs"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is neither a CA certificate nor self-signed");
        assertThat(store().certificates("ca:valid-trust-store-self-signed")).hasSize(1);
        Path linked = SharedCorpora.path(
                "notation/notation-go/verifier/testdata/truststore/x509/ca/valid-trust-store_SYMLINK");
        if (Files.isSymbolicLink(linked)) {
            assertThatThrownBy(() -> store().certificates("ca:valid-trust-store_SYMLINK"))
                    .hasMessageContaining("symbolic link");
        }
        assertThatThrownBy(() -> store().certificates("ca:../ca/valid-trust-store"))
                .hasMessageContaining("expected TYPE:NAME");
    }

    @Test
    void trustPolicyDocumentsAreValidatedAsNotationValidatesThem() {
        String good = "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"wabbit\",\"registryScopes\":"
                + "[\"registry.example.com/wabbit\"],\"signatureVerification\":{\"level\":\"strict\"},"
                + "\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"x509.subject: C=US, ST=WA, O=Acme\"]},"
                + "{\"name\":\"rest\",\"registryScopes\":[\"*\"],\"signatureVerification\":{\"level\":\"audit\"},"
                + "\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"*\"]}]}";
        NotationTrustPolicy p = NotationTrustPolicy.read(good.getBytes(StandardCharsets.UTF_8), "trustpolicy.json");
        assertThat(p.forRepository("registry.example.com/wabbit").name()).isEqualTo("wabbit");
        assertThat(p.forRepository("registry.example.com/other").name()).isEqualTo("rest");
        for (String[] bad : new String[][] {
            {"{\"trustPolicies\":[]}", "trustpolicy.json: the document has no version"},
            {"{\"version\":\"2.0\",\"trustPolicies\":[]}", "trustpolicy.json: version 2.0 is not supported (1.0 is)"},
            {good.replace("\"rest\"", "\"wabbit\""), "trustpolicy.json: two statements are named wabbit"},
            {
                good.replace(
                        "[\"*\"],\"signatureVerification\":{\"level\":\"audit\"",
                        "[\"*\",\"a.io/b\"]," + "\"signatureVerification\":{\"level\":\"audit\""),
                "trustpolicy.json: statement rest uses the wildcard scope '*' with other scopes"
            },
            {
                good.replace("\"level\":\"audit\"", "\"level\":\"lenient\""),
                "trustpolicy.json: statement rest: level 'lenient' is not strict, permissive, audit or skip"
            },
            {
                good.replace("C=US, ST=WA, O=Acme", "CN=Acme"),
                "trustpolicy.json: statement wabbit: trusted identity 'x509.subject: CN=Acme' must name at least C, ST"
                        + " and O"
            },
        }) {
            assertThatThrownBy(
                            () -> NotationTrustPolicy.read(bad[0].getBytes(StandardCharsets.UTF_8), "trustpolicy.json"))
                    .as(bad[1])
                    .hasMessage(bad[1]);
        }
    }

    @Test
    void aSignatureVouchMakesVerifiesAndAChangedByteDoesNot(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        var g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        var keys = g.generateKeyPair();
        var name = new org.bouncycastle.asn1.x500.X500Name("C=US,ST=WA,O=Acme,CN=self");
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                name,
                java.math.BigInteger.ONE,
                java.util.Date.from(Instant.now().minusSeconds(60)),
                java.util.Date.from(Instant.now().plusSeconds(3600)),
                name,
                keys.getPublic());
        var cert = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA384withECDSA")
                                .build(keys.getPrivate())));
        Path storeDir = dir.resolve("x509/ca/self");
        Files.createDirectories(storeDir);
        Files.write(storeDir.resolve("self.der"), cert.getEncoded());
        byte[] payload = ("{\"targetArtifact\":{\"mediaType\":\"" + SIGNED.mediaType() + "\",\"digest\":\""
                        + SIGNED.digest() + "\",\"size\":528}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] envelope = JwsEnvelope.sign(payload, keys.getPrivate(), List.of(cert), Instant.now());
        var statement =
                statement(NotationTrustPolicy.Level.STRICT, "ca:self", "x509.subject: C=US, ST=WA, O=Acme, CN=self");
        var ok = NotationVerifier.verify(
                envelope, JwsEnvelope.MEDIA_TYPE, SIGNED, statement, new NotationTrustStore(dir), Instant.now());
        assertThat(ok.valid()).as(ok.failure()).isTrue();
        assertThat(new String(envelope, StandardCharsets.UTF_8)).contains("\"io.cncf.notary.signingAgent\":\"vouch\"");
        // one changed character of the signature
        String text = new String(envelope, StandardCharsets.UTF_8);
        int at = text.indexOf("\"signature\":\"") + 13;
        char c = text.charAt(at);
        String tampered = text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1);
        var bad = NotationVerifier.verify(
                tampered.getBytes(StandardCharsets.UTF_8),
                JwsEnvelope.MEDIA_TYPE,
                SIGNED,
                statement,
                new NotationTrustStore(dir),
                Instant.now());
        assertThat(bad.failure())
                .isEqualTo("integrity: the signature does not verify with the signing certificate's key");
    }

    @Test
    void coseEnvelopesTheNotaryProjectMadeVerifyAndAChangedByteDoesNot() throws Exception {
        byte[] cose =
                Files.readAllBytes(SharedCorpora.path("notation/notation-go/internal/testdata/cose_signature.sig"));
        // the artifact of notation-go's test layout (internal/testdata/oci-layout), which this envelope signs
        Descriptor alpine = Descriptor.of(
                "application/vnd.oci.image.manifest.v1+json",
                Digest.parse("sha256:19dbd2e48e921426ee8ace4dc892edfb2ecdc1d1a72d5416c83670c30acecef0"),
                481);
        var audit = NotationVerifier.verify(
                cose,
                CoseEnvelope.MEDIA_TYPE,
                alpine,
                statement(NotationTrustPolicy.Level.AUDIT, "ca:valid-trust-store", "*"),
                store(),
                Instant.now());
        assertThat(audit.valid()).as(audit.failure()).isTrue();
        assertThat(audit.signer()).isEqualTo("CN=alpine,O=Notary,L=Seattle,ST=WA,C=US");
        // its self-signed certificate is in no trust store of the corpus: strict refuses it
        var strict = NotationVerifier.verify(
                cose,
                CoseEnvelope.MEDIA_TYPE,
                alpine,
                statement(NotationTrustPolicy.Level.STRICT, "ca:valid-trust-store", "*"),
                store(),
                Instant.now());
        assertThat(strict.failure()).startsWith("authenticity: ");
        byte[] changed = cose.clone();
        changed[changed.length - 1] ^= 1;
        var bad = NotationVerifier.verify(
                changed,
                CoseEnvelope.MEDIA_TYPE,
                alpine,
                statement(NotationTrustPolicy.Level.AUDIT, "ca:valid-trust-store", "*"),
                store(),
                Instant.now());
        assertThat(bad.failure())
                .isEqualTo("integrity: the signature does not verify with the signing certificate's key");
        for (String name : List.of("coseWithTimestamp.sig", "coseExpiredWithTimestamp.sig")) {
            var e = CoseEnvelope.parse(Files.readAllBytes(
                    SharedCorpora.path("notation/notation-go/verifier/testdata/timestamp/sigEnv/" + name)));
            e.verifySignature();
            assertThat(e.scheme()).isEqualTo("notary.x509");
        }
    }

    @Test
    void hostileCborIsRefusedWithItsReason() {
        assertThatThrownBy(() -> CoseEnvelope.parse(new byte[] {(byte) 0xd2, (byte) 0x81, 0x58}))
                .hasMessage("the COSE envelope ends inside a CBOR item");
        assertThatThrownBy(() -> CoseEnvelope.parse(new byte[] {(byte) 0x9f}))
                .hasMessage("the COSE envelope uses an indefinite or reserved CBOR length");
        byte[] deep = new byte[40];
        java.util.Arrays.fill(deep, (byte) 0x81);
        assertThatThrownBy(() -> CoseEnvelope.parse(deep)).hasMessage("the COSE envelope nests CBOR deeper than 16");
        assertThatThrownBy(() -> CoseEnvelope.parse(new byte[] {0x5b, 0x7f, -1, -1, -1, -1, -1, -1, -1}))
                .hasMessage("the COSE envelope declares a CBOR string longer than what is left");
        assertThatThrownBy(() -> CoseEnvelope.parse(new byte[] {(byte) 0x9b, 0x7f, -1, -1, -1, -1, -1, -1, -1}))
                .hasMessage("the COSE envelope declares more CBOR items than it can hold");
        assertThatThrownBy(() -> CoseEnvelope.parse(new byte[] {(byte) 0xd1, (byte) 0x80}))
                .hasMessage("the COSE envelope is tagged 17, not 18 (COSE_Sign1)");
    }

    /** One of notation-go's timestamped envelopes, verified with the ca and tsa stores named. */
    static NotationVerifier.Result timestamped(String name, String tsa) throws Exception {
        byte[] b = Files.readAllBytes(
                SharedCorpora.path("notation/notation-go/verifier/testdata/timestamp/sigEnv/" + name));
        String type = b[0] == '{' ? JwsEnvelope.MEDIA_TYPE : CoseEnvelope.MEDIA_TYPE;
        NotationEnvelope e = type.equals(JwsEnvelope.MEDIA_TYPE) ? JwsEnvelope.parse(b) : CoseEnvelope.parse(b);
        var t = e.payload().path("targetArtifact");
        var subject = Descriptor.of(
                t.path("mediaType").asText(),
                Digest.parse(t.path("digest").asText()),
                t.path("size").asLong());
        return NotationVerifier.verify(
                b,
                type,
                subject,
                new NotationTrustPolicy.Statement(
                        "t",
                        List.of("*"),
                        NotationTrustPolicy.Level.STRICT,
                        List.of("ca:valid-trust-store", tsa),
                        List.of("*")),
                store(),
                Instant.now());
    }

    @Test
    void rfc3161TimestampsAreCheckedAgainstTheTsaStoreAndSetTheTimeTheChainIsValidAt() throws Exception {
        for (String name : List.of("jwsWithTimestamp.sig", "coseWithTimestamp.sig")) {
            var ok = timestamped(name, "tsa:test-timestamp");
            assertThat(ok.valid()).as(name + ": " + ok.failure()).isTrue();
            assertThat(ok.logged().get(0))
                    .startsWith("timestamp: the signature existed at 2024-06-18T06:")
                    .endsWith(", as its timestamp authority proves");
            assertThat(timestamped(name, "tsa:test-mismatch").failure())
                    .startsWith("authenticity: the timestamp authority does not chain to a certificate of a tsa trust"
                            + " store");
        }
        // a signing certificate not yet valid, or no longer valid, at the time the timestamp proves
        assertThat(timestamped("timestampBeforeNotBefore.sig", "tsa:test-timestamp")
                        .failure())
                .startsWith("authenticity: the signing certificate is not valid at 2024-06-19T09:30:14Z");
        assertThat(timestamped("timestampAfterNotAfter.sig", "tsa:test-timestamp")
                        .failure())
                .startsWith("authenticity: the certificate chain does not lead to a certificate of"
                        + " [ca:valid-trust-store]: validity check failed");
        // without a timestamp the chain is checked now
        assertThat(timestamped("withoutTimestamp.sig", "tsa:test-timestamp").valid())
                .isTrue();
        // a timestamp over other bytes
        byte[] b = Files.readAllBytes(
                SharedCorpora.path("notation/notation-go/verifier/testdata/timestamp/sigEnv/jwsWithTimestamp.sig"));
        NotationEnvelope e = JwsEnvelope.parse(b);
        assertThatThrownBy(() -> Timestamps.verify(e.timestampToken(), new byte[] {1, 2, 3}, java.util.Set.of()))
                .hasMessage("the timestamp is not over this signature (its message imprint differs)");
    }

    @Test
    void levelOverridesChangeWhatIsEnforcedAsNotationAllows() throws Exception {
        String doc = "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"o\",\"registryScopes\":[\"*\"],"
                + "\"signatureVerification\":{\"level\":\"strict\",\"override\":{OVERRIDE}},"
                + "\"trustStores\":[\"ca:valid-trust-store\"],\"trustedIdentities\":[\"*\"]}]}";
        NotationTrustPolicy p = NotationTrustPolicy.read(
                doc.replace("OVERRIDE", "\"expiry\":\"log\",\"revocation\":\"skip\"")
                        .getBytes(StandardCharsets.UTF_8),
                "trustpolicy.json");
        var r = NotationVerifier.verify(
                envelope("ca_expired_sig_env.json"),
                JwsEnvelope.MEDIA_TYPE,
                SIGNED,
                p.forRepository("any/repo"),
                store(),
                Instant.now());
        assertThat(r.valid()).isTrue();
        assertThat(r.logged())
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .startsWith("expiry: the signature expired on ")
                        .endsWith("(logged under" + " strict, overridden)"));
        for (String[] bad : new String[][] {
            {"\"integrity\":\"log\"", "trustpolicy.json: statement o: integrity cannot be overridden"},
            {"\"authenticity\":\"skip\"", "trustpolicy.json: statement o: authenticity cannot be skipped"},
            {
                "\"freshness\":\"log\"",
                "trustpolicy.json: statement o: freshness is not a validation type [authenticity, authenticTimestamp,"
                        + " expiry, revocation]"
            },
            {"\"expiry\":\"ignore\"", "trustpolicy.json: statement o: ignore is not enforce, log or skip"},
        }) {
            assertThatThrownBy(() -> NotationTrustPolicy.read(
                            doc.replace("OVERRIDE", bad[0]).getBytes(StandardCharsets.UTF_8), "trustpolicy.json"))
                    .hasMessage(bad[1]);
        }
    }
}
