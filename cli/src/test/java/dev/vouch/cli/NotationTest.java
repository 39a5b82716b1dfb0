package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notation end to end against a real registry: {@code vouch sign --notation} attaches a JWS signature as an OCI
 * referrer (the {@code sha256-HEX} tag fallback, which the test registry needs), and {@code vouch verify --notation}
 * checks it under a trust policy and trust store in Notation's formats, from flags or from Notation's own directory:
 * signed by a trusted CA and identity, an identity the policy does not trust, a CA it does not trust, an image not
 * signed, and a level that only audits.
 */
class NotationTest {
    @TempDir
    Path dir;

    private Path policy(String name, String scope, String level, String store, String identity) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(
                p,
                "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"release\",\"registryScopes\":[\"" + scope
                        + "\"],\"signatureVerification\":{\"level\":\"" + level + "\"},\"trustStores\":[\"" + store
                        + "\"],\"trustedIdentities\":[\"" + identity + "\"]}]}");
        return p;
    }

    @Test
    void aSignatureVouchAttachedIsVerifiedUnderTheTrustPolicy() throws Exception {
        TestPki.Issued ca = TestPki.ca("Acme Release CA");
        TestPki.Issued leaf = TestPki.codeSigning(ca, "C=US,ST=WA,O=Acme,CN=release");
        Files.writeString(
                dir.resolve("leaf.key"),
                "-----BEGIN PRIVATE KEY-----\n"
                        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                                .encodeToString(leaf.keys().getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        TestPki.writePem(dir.resolve("chain.pem"), leaf.cert(), ca.cert());
        Path store = dir.resolve("truststore");
        Files.createDirectories(store.resolve("x509/ca/acme"));
        TestPki.writePem(store.resolve("x509/ca/acme/ca.pem"), ca.cert());
        TestPki.Issued otherCa = TestPki.ca("Someone Else CA");
        Files.createDirectories(store.resolve("x509/ca/other"));
        TestPki.writePem(store.resolve("x509/ca/other/ca.pem"), otherCa.cert());

        try (TestRegistry registry = TestRegistry.open(dir.resolve("registry"))) {
            registry.push("oci:" + Fixtures.dir().resolve("app") + ":1", "n/app:1", false);
            registry.push("oci:" + Fixtures.dir().resolve("app") + ":1", "n/plain:1", false);
            String app = registry.host() + "/n/app";
            Map<String, String> env = Cli.freshUser(dir.resolve("home"));
            Cli.Result signed = Cli.runIn(
                    env,
                    "",
                    "sign",
                    "--notation",
                    "--key",
                    dir.resolve("leaf.key").toString(),
                    "--cert",
                    dir.resolve("chain.pem").toString(),
                    app + ":1");
            assertThat(signed.code()).as(signed.err()).isZero();
            assertThat(signed.out())
                    .startsWith("signed " + app + "@sha256:")
                    .contains(" with Notation (JWS), signature ");

            String identity = "x509.subject: C=US, ST=WA, O=Acme, CN=release";
            Path trusted = policy("trusted.json", app, "strict", "ca:acme", identity);
            Cli.Result ok = verify(env, trusted, store, app + ":1");
            assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out())
                    .containsPattern("  valid    " + java.util.regex.Pattern.quote(app) + "@sha256:[0-9a-f]{64}: signed"
                            + " by notation CN=release,O=Acme,ST=WA,C=US \\(trust policy release, strict\\)");

            // an identity the policy does not trust
            Cli.Result who = verify(
                    env,
                    policy("who.json", app, "strict", "ca:acme", "x509.subject: C=US, ST=WA, O=Acme, CN=nightly"),
                    store,
                    app + ":1");
            assertThat(who.code()).isEqualTo(1);
            assertThat(who.out())
                    .contains("authenticity: the signer CN=release,O=Acme,ST=WA,C=US is not one of the trusted"
                            + " identities of release");

            // a CA the policy does not trust: refused under strict, logged under audit
            Cli.Result untrusted =
                    verify(env, policy("other.json", app, "strict", "ca:other", identity), store, app + ":1");
            assertThat(untrusted.code()).isEqualTo(1);
            assertThat(untrusted.out())
                    .contains("authenticity: the certificate chain does not lead to a certificate of [ca:other]");
            Cli.Result audited =
                    verify(env, policy("audit.json", app, "audit", "ca:other", identity), store, app + ":1");
            assertThat(audited.code()).isZero();

            // an image nobody signed
            Cli.Result plain = verify(
                    env,
                    policy("plain.json", "*", "strict", "ca:acme", identity),
                    store,
                    registry.host() + "/n/plain:1");
            assertThat(plain.code()).isEqualTo(1);
            assertThat(plain.out()).contains(": no signatures found");

            // vouch check requires it: the signature counts (kind notation); the unsigned image fails integrity
            String[] flags = {
                "--notation",
                "--notation-trust-policy",
                trusted.toString(),
                "--notation-trust-store",
                store.toString(),
                "--format",
                "json"
            };
            JsonNode report = Cli.runIn(env, "", concat(new String[] {"check", app + ":1"}, flags))
                    .json();
            assertThat(report.at("/facts/signatures/0/kind").asText()).isEqualTo("notation");
            assertThat(report.at("/facts/signatures/0/verified").asBoolean()).isTrue();
            assertThat(report.toString()).doesNotContain("CK005");
            Cli.Result unsignedCheck =
                    Cli.runIn(env, "", concat(new String[] {"check", registry.host() + "/n/plain:1"}, flags));
            assertThat(unsignedCheck.code()).isEqualTo(1);
            assertThat(unsignedCheck.json().toString())
                    .contains("\"id\":\"CK005\"")
                    .contains("Notation: no signature found for this image");

            // admission: a namespace whose rule requires Notation admits the signed image and denies the other
            admission(env, trusted, store, app + ":1", registry.host() + "/n/plain:1");

            // Notation's own directory, as a Notation user has it
            Path config = dir.resolve("home/.config/notation");
            Files.createDirectories(config);
            Files.copy(trusted, config.resolve("trustpolicy.json"));
            new ProcessBuilder(
                            "cp",
                            "-r",
                            store.toString(),
                            config.resolve("truststore").toString())
                    .inheritIO()
                    .start()
                    .waitFor();
            Cli.Result defaults = Cli.runIn(env, "", "verify", "--notation", "--format", "json", app + ":1");
            assertThat(defaults.code()).as(defaults.out() + defaults.err()).isZero();
            assertThat(defaults.json().at("/signatures/0/kind").asText()).isEqualTo("notation");
        }
    }

    @Test
    void aCoseSignatureTheNotaryProjectMadeIsVerifiedFromARegistry() throws Exception {
        Path testdata = Fixtures.corpus("notation/notation-go/internal/testdata");
        byte[] cose = Files.readAllBytes(testdata.resolve("cose_signature.sig"));
        var envelope = dev.vouch.sign.notation.CoseEnvelope.parse(cose);
        // the envelope's own self-signed certificate as the trusted CA, its subject as the trusted identity
        Path store = dir.resolve("truststore");
        Files.createDirectories(store.resolve("x509/ca/alpine"));
        TestPki.writePem(
                store.resolve("x509/ca/alpine/alpine.pem"), envelope.chain().get(0));
        try (TestRegistry registry = TestRegistry.open(dir.resolve("registry"))) {
            // notation-go's test layout, the artifact that envelope signs, pushed byte for byte
            registry.push("oci:" + testdata.resolve("oci-layout") + ":v2", "n/alpine:v2", false);
            String alpine = registry.host() + "/n/alpine";
            var client = dev.vouch.registry.RegistryClient.forRepository(
                    dev.vouch.image.ImageRef.parse(alpine + ":v2"),
                    dev.vouch.registry.RegistryOptions.defaults(Map.of()));
            var subject = client.getManifest("n/alpine", "v2").descriptor();
            assertThat(subject.digest().toString())
                    .isEqualTo("sha256:19dbd2e48e921426ee8ace4dc892edfb2ecdc1d1a72d5416c83670c30acecef0");
            dev.vouch.sign.notation.NotationSignatures.attach(
                    client,
                    "n/alpine",
                    subject,
                    cose,
                    dev.vouch.sign.notation.CoseEnvelope.MEDIA_TYPE,
                    envelope.chain());
            Cli.Result r = verify(
                    Cli.freshUser(dir.resolve("home")),
                    policy(
                            "alpine.json",
                            alpine,
                            "strict",
                            "ca:alpine",
                            "x509.subject: C=US, ST=WA, L=Seattle, O=Notary, CN=alpine"),
                    store,
                    alpine + ":v2");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out())
                    .contains(": signed by notation CN=alpine,O=Notary,L=Seattle,ST=WA,C=US (trust policy"
                            + " release, strict)");
        }
    }

    /** {@code vouch verify --notation} with a trust policy and store given by flags. */
    private static Cli.Result verify(Map<String, String> env, Path policy, Path store, String image) {
        return Cli.runIn(
                env,
                "",
                "verify",
                "--notation",
                "--notation-trust-policy",
                policy.toString(),
                "--notation-trust-store",
                store.toString(),
                image);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void admission(Map<String, String> env, Path policy, Path store, String signed, String unsigned)
            throws Exception {
        try (ServeProcess serve = ServeProcess.requiringTrust(
                Path.of(env.get("HOME")),
                dir,
                "notation",
                "--notation-trust-policy",
                policy.toString(),
                "--notation-trust-store",
                store.toString())) {
            JsonNode admitted = serve.admit("/validate", "n-1", "signed", signed);
            assertThat(admitted.path("allowed").asBoolean())
                    .as(admitted + serve.log())
                    .isTrue();
            JsonNode denied = serve.admit("/validate", "n-2", "signed", unsigned);
            assertThat(denied.path("allowed").asBoolean()).isFalse();
            assertThat(denied.at("/status/message").asText())
                    .startsWith(
                            "vouch: image " + unsigned + " in container web: Notation: no signature found for sha256:");
        }
    }
}
