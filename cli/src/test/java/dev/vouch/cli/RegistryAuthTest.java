package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication and trust against real registries: htpasswd Basic auth with every place credentials come from,
 * TLS with a private CA, and the bearer token flow with a test token issuer.
 */
class RegistryAuthTest {
    @TempDir
    static Path work;

    static TestRegistry basic;
    static TestRegistry tls;
    static TestRegistry token;
    static TokenIssuer issuer;
    static Path caFile;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        String app = "oci:" + Fixtures.dir().resolve("app") + ":1";
        basic = TestRegistry.basic(work.resolve("basic"));
        basic.push(app, "team/app:1", false);
        TestPki.Issued ca = TestPki.ca("vouch test CA");
        caFile = work.resolve("ca.pem");
        TestPki.writePem(caFile, ca.cert());
        tls = TestRegistry.tls(work.resolve("tls"), ca);
        tls.push(app, "team/app:1", false);
        issuer = new TokenIssuer(work.resolve("issuer"));
        token = TestRegistry.token(work.resolve("token"), issuer);
        token.push(app, "public/app:1", false);
        token.push(app, "private/app:1", false);
    }

    @AfterAll
    static void stop() {
        basic.close();
        tls.close();
        token.close();
        issuer.close();
    }

    Map<String, String> env() {
        return Cli.freshUser(home);
    }

    /** Every run of an auth test, success or failure, is checked for the credentials the test planted. */
    Cli.Result vouch(Map<String, String> env, String... args) {
        Cli.Result r = Cli.runIn(env, "", args);
        assertNoSecret(r);
        return r;
    }

    private Path dockerConfig(String json) throws Exception {
        Path dir = Files.createDirectories(home.resolve("docker"));
        Files.writeString(dir.resolve("config.json"), json);
        return dir;
    }

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNoSecret(Cli.Result r) {
        String basicPair = Base64.getEncoder()
                .encodeToString((TestRegistry.USER + ":" + TestRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(r.out() + r.err())
                .doesNotContain(TestRegistry.PASSWORD)
                .doesNotContain("wrong-password")
                .doesNotContain(basicPair)
                .doesNotContain(TokenIssuer.IDENTITY_TOKEN)
                .doesNotContain("\tat ");
    }

    @Test
    void withoutCredentialsBasicAuthIsRefusedWithAHint() throws Exception {
        Cli.Result r = vouch(env(), "inspect", basic.host() + "/team/app:1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errorLine())
                .startsWith("vouch: " + basic.host() + "/team/app: authentication required to read tag 1")
                .contains("no credentials found for " + basic.host());
    }

    @Test
    void dockerConfigAuthsAreUsedAndWrongOnesReportedWithoutTheSecret() throws Exception {
        Map<String, String> env = env();
        env.put(
                "DOCKER_CONFIG",
                dockerConfig("{\"auths\":{\"" + basic.host() + "\":{\"auth\":\""
                                + auth(TestRegistry.USER, TestRegistry.PASSWORD) + "\"}}}")
                        .toString());
        Cli.Result ok = vouch(env, "inspect", "--format", "json", basic.host() + "/team/app:1");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.json().path("image").path("digest").asText()).isEqualTo(basic.skopeoDigest("team/app:1"));
        assertNoSecret(ok);

        env.put(
                "DOCKER_CONFIG",
                dockerConfig("{\"auths\":{\"http://" + basic.host() + "/v1/\":{\"auth\":\""
                                + auth(TestRegistry.USER, "wrong-password") + "\"}}}")
                        .toString());
        Cli.Result bad = vouch(env, "inspect", basic.host() + "/team/app:1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errorLine()).contains("were not accepted").contains("config.json (auths.http://" + basic.host());
        assertNoSecret(bad);
    }

    @Test
    void usernameAndPasswordFromStdin() {
        Cli.Result r = Cli.runIn(
                env(),
                TestRegistry.PASSWORD + "\n",
                "layers",
                "--username",
                TestRegistry.USER,
                "--password-stdin",
                basic.host() + "/team/app:1");
        assertThat(r.code()).as(r.err()).isZero();
        assertNoSecret(r);
        Cli.Result noStdin = Cli.runIn(env(), "", "inspect", "--username", "u", basic.host() + "/team/app:1");
        assertThat(noStdin.errorLine())
                .isEqualTo("vouch: --username needs --password-stdin (passwords are never given as arguments)");
    }

    @Test
    void aCredentialHelperOnPathAnswers() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path helper = bin.resolve("docker-credential-test");
        Path asked = home.resolve("asked");
        Files.writeString(
                helper,
                "#!/bin/sh\n[ \"$1\" = get ] || exit 1\nread server\necho \"$server\" > " + asked + "\n"
                        + "echo '{\"ServerURL\":\"'$server'\",\"Username\":\"" + TestRegistry.USER + "\",\"Secret\":\""
                        + TestRegistry.PASSWORD + "\"}'\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = env();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put(
                "DOCKER_CONFIG",
                dockerConfig("{\"credHelpers\":{\"" + basic.host() + "\":\"test\"}}")
                        .toString());
        Cli.Result r = vouch(env, "inspect", basic.host() + "/team/app:1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(asked).strip()).isEqualTo(basic.host());
        assertNoSecret(r);

        env.put("DOCKER_CONFIG", dockerConfig("{\"credsStore\":\"missing\"}").toString());
        Cli.Result missing = vouch(env, "inspect", basic.host() + "/team/app:1");
        assertThat(missing.errorLine())
                .startsWith("vouch: docker-credential-missing (named in ")
                .endsWith("is not on PATH");
    }

    @Test
    void theContainersAuthFileWinsAndItsMostSpecificKey() throws Exception {
        Path authFile = home.resolve("auth.json");
        Files.writeString(
                authFile,
                "{\"auths\":{\"" + basic.host() + "\":{\"auth\":\"" + auth("nobody", "wrong-password") + "\"},\""
                        + basic.host() + "/team\":{\"auth\":\"" + auth(TestRegistry.USER, TestRegistry.PASSWORD)
                        + "\"}}}");
        Map<String, String> env = env();
        env.put("REGISTRY_AUTH_FILE", authFile.toString());
        Cli.Result r = vouch(env, "inspect", basic.host() + "/team/app:1");
        assertThat(r.code()).as(r.err()).isZero();

        Files.writeString(authFile, "{\"auths\":{\"" + basic.host() + "\":{\"auth\":\"%%%\"}}}");
        Cli.Result broken = vouch(env, "inspect", basic.host() + "/team/app:1");
        assertThat(broken.errorLine())
                .isEqualTo("vouch: " + authFile + " (auths." + basic.host() + "): field auth is not valid base64");
    }

    @Test
    void anHttpsRegistrysPlainHttpTokenRealmGetsNoCredential() throws Exception {
        TestPki.Issued ca = TestPki.ca("downgrade CA");
        Path ca2 = work.resolve("downgrade-ca.pem");
        TestPki.writePem(ca2, ca.cert());
        try (TestRegistry downgrade = TestRegistry.tlsWithPlainHttpRealm(work.resolve("downgrade"), ca, issuer)) {
            int before = issuer.requests.get();
            Cli.Result r = Cli.runIn(
                    env(),
                    TestRegistry.PASSWORD + "\n",
                    "inspect",
                    "--ca-cert",
                    ca2.toString(),
                    "--username",
                    TestRegistry.USER,
                    "--password-stdin",
                    downgrade.host() + "/private/app:1");
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.errorLine())
                    .isEqualTo("vouch: " + downgrade.host() + ": refusing to fetch a token over plain http from"
                            + " 127.0.0.1 for a registry reached over https");
            assertThat(issuer.requests.get()).as("token requests").isEqualTo(before);
            assertThat(r.out() + r.err()).doesNotContain(TestRegistry.PASSWORD);
        }
    }

    @Test
    void tlsNeedsThePrivateCa() throws Exception {
        String ref = tls.host() + "/team/app:1";
        Cli.Result untrusted = vouch(env(), "inspect", ref);
        assertThat(untrusted.code()).isEqualTo(2);
        assertThat(untrusted.errorLine())
                .startsWith("vouch: TLS with 127.0.0.1 failed: ")
                .endsWith("give --ca-cert FILE");
        Cli.Result trusted = vouch(env(), "layers", "--format", "json", "--ca-cert", caFile.toString(), ref);
        assertThat(trusted.code()).as(trusted.err()).isZero();
        assertThat(trusted.json().path("digest").asText()).isEqualTo(tls.skopeoDigest("team/app:1"));
        Cli.Result notPem =
                vouch(env(), "inspect", "--ca-cert", work.resolve("tls/reg.yml").toString(), ref);
        assertThat(notPem.errorLine()).contains("--ca-cert").contains("reg.yml");
    }

    @Test
    void anonymousTokensForPublicRepositoriesOneTokenPerRun() throws Exception {
        int before = issuer.requests.get();
        Cli.Result r = vouch(env(), "layers", "--format", "json", token.host() + "/public/app:1");
        int tokens = issuer.requests.get() - before;
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(tokens).isEqualTo(1);
        assertThat(r.json().path("digest").asText()).isEqualTo(token.skopeoDigest("public/app:1"));

        Cli.Result denied = vouch(env(), "inspect", token.host() + "/private/app:1");
        assertThat(denied.code()).isEqualTo(2);
        assertThat(denied.errorLine()).contains("authentication required").contains("no credentials found");
    }

    @Test
    void privateRepositoriesWithPasswordOrIdentityToken() throws Exception {
        Map<String, String> env = env();
        env.put(
                "DOCKER_CONFIG",
                dockerConfig("{\"auths\":{\"" + token.host() + "\":{\"auth\":\""
                                + auth(TestRegistry.USER, TestRegistry.PASSWORD) + "\"}}}")
                        .toString());
        Cli.Result r = vouch(env, "inspect", "--format", "json", token.host() + "/private/app:1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("image").path("digest").asText()).isEqualTo(token.skopeoDigest("private/app:1"));

        env.put(
                "DOCKER_CONFIG",
                dockerConfig("{\"auths\":{\"" + token.host() + "\":{\"identitytoken\":\"" + TokenIssuer.IDENTITY_TOKEN
                                + "\"}}}")
                        .toString());
        Cli.Result identity = vouch(env, "inspect", token.host() + "/private/app:1");
        assertThat(identity.code()).as(identity.err()).isZero();
        assertNoSecret(identity);
    }

    @Test
    void aRefusedTokenIsFetchedAgain() {
        int before = issuer.requests.get();
        issuer.badTokens.set(1);
        Cli.Result r = vouch(env(), "inspect", token.host() + "/public/app:1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(issuer.requests.get() - before).isEqualTo(2);
    }
}
