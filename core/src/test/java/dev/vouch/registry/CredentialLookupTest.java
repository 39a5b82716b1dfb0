package dev.vouch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialLookupTest {
    @TempDir
    Path home;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes());
    }

    @Test
    void keysAreNormalizedTheWayDockerWritesThem() {
        assertThat(CredentialLookup.normalizeKey("https://index.docker.io/v1/")).isEqualTo("docker.io");
        assertThat(CredentialLookup.normalizeKey("registry-1.docker.io")).isEqualTo("docker.io");
        assertThat(CredentialLookup.normalizeKey("http://127.0.0.1:5000/v2/")).isEqualTo("127.0.0.1:5000");
        assertThat(CredentialLookup.normalizeKey("GHCR.io/Org/")).isEqualTo("ghcr.io/Org");
        assertThat(CredentialLookup.candidateKeys("quay.io", "a/b/c"))
                .containsExactly("quay.io/a/b/c", "quay.io/a/b", "quay.io/a", "quay.io");
    }

    @Test
    void dockerHubCredentialsUnderTheLegacyKey() throws Exception {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(
                home.resolve(".docker/config.json"),
                "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("me:pa:ss") + "\"}}}");
        CredentialLookup lookup = new CredentialLookup(Map.of("HOME", home.toString()));
        Credentials c = lookup.find(RegistryHost.of("docker.io", Set.of()), "library/nginx")
                .orElseThrow();
        assertThat(c.username()).isEqualTo("me");
        assertThat(c.password()).isEqualTo("pa:ss");
        assertThat(c.toString()).doesNotContain("pa:ss");
        assertThat(lookup.find(RegistryHost.of("ghcr.io", Set.of()), "o/r")).isEmpty();
    }

    @Test
    void malformedEntriesNameTheFileAndKeyButNotTheValue() throws Exception {
        Path file = home.resolve("auth.json");
        Files.writeString(file, "{\"auths\":{\"quay.io\":{\"auth\":\"" + b64("no-colon-secret") + "\"}}}");
        CredentialLookup lookup = new CredentialLookup(Map.of("REGISTRY_AUTH_FILE", file.toString()));
        assertThatThrownBy(() -> lookup.find(RegistryHost.of("quay.io", Set.of()), "a/b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + " (auths.quay.io): field auth does not decode to user:password")
                .hasMessageNotContaining("no-colon-secret");
    }

    @Test
    void aBrokenConfigFileIsNamedWithoutEchoingItsContent() throws Exception {
        Path file = home.resolve("config.json");
        Files.writeString(file, "{\"auths\":{\"quay.io\":{\"auth\":\"" + b64("me:TOPSECRET") + "\" ,, }}}");
        CredentialLookup lookup = new CredentialLookup(Map.of("DOCKER_CONFIG", home.toString()));
        assertThatThrownBy(() -> lookup.find(RegistryHost.of("quay.io", Set.of()), "a/b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageNotContaining(b64("me:TOPSECRET"));
    }

    @Test
    void plainHttpOnlyForLoopbackAndNamedRegistries() {
        assertThat(RegistryHost.of("127.0.0.1:5000", Set.of()).httpAllowed()).isTrue();
        assertThat(RegistryHost.of("localhost:5000", Set.of()).httpAllowed()).isTrue();
        assertThat(RegistryHost.of("[::1]:5000", Set.of()).httpAllowed()).isTrue();
        assertThat(RegistryHost.of("registry.lan:5000", Set.of()).httpAllowed()).isFalse();
        assertThat(RegistryHost.of("registry.lan:5000", Set.of("registry.lan:5000"))
                        .httpAllowed())
                .isTrue();
        assertThat(RegistryHost.of("registry.lan:5000", Set.of("registry.lan")).httpAllowed())
                .isTrue();
        assertThat(RegistryHost.of("127.example.com", Set.of()).httpAllowed()).isFalse();
        assertThat(RegistryHost.of("docker.io", Set.of()).apiHost()).isEqualTo("registry-1.docker.io");
    }
}
