package dev.vouch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.EngineException;
import dev.vouch.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineEndpointsTest {
    @TempDir
    Path home;

    @Test
    void dockerHostWinsAndTcpTakesTheTlsOfTheEnvironment() {
        assertThat(EngineEndpoints.candidates(
                        EngineKind.DOCKER, Map.of("DOCKER_HOST", "unix:///run/user/1/docker.sock")))
                .containsExactly(
                        EngineEndpoint.unix(EngineKind.DOCKER, Path.of("/run/user/1/docker.sock"), "$DOCKER_HOST"));
        EngineEndpoint tls = EngineEndpoints.candidates(
                        EngineKind.DOCKER,
                        Map.of(
                                "DOCKER_HOST",
                                "tcp://build.example",
                                "DOCKER_TLS_VERIFY",
                                "1",
                                "DOCKER_CERT_PATH",
                                "/c"))
                .get(0);
        assertThat(tls.url()).isEqualTo("tcp://build.example:2376");
        assertThat(tls.tlsDir()).isEqualTo(Path.of("/c"));
        assertThat(tls.tlsVerify()).isTrue();
        EngineEndpoint plain = EngineEndpoints.candidates(EngineKind.DOCKER, Map.of("DOCKER_HOST", "tcp://10.0.0.1"))
                .get(0);
        assertThat(plain.url()).isEqualTo("tcp://10.0.0.1:2375");
        assertThat(plain.tlsDir()).isNull();
    }

    @Test
    void unsupportedSchemesAndBadAddressesAreOneLineErrors() {
        assertThatThrownBy(() ->
                        EngineEndpoints.candidates(EngineKind.DOCKER, Map.of("DOCKER_HOST", "npipe:////./pipe/x")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("$DOCKER_HOST=npipe:////./pipe/x: the npipe scheme is not supported (vouch speaks to"
                        + " unix:// and tcp:// addresses)");
        assertThatThrownBy(
                        () -> EngineEndpoints.candidates(EngineKind.DOCKER, Map.of("DOCKER_HOST", "unix://relative")))
                .hasMessage("$DOCKER_HOST=unix://relative: a unix:// address needs an absolute path");
        assertThatThrownBy(() -> EngineEndpoints.candidates(EngineKind.DOCKER, Map.of("DOCKER_HOST", "tcp://u@h/x")))
                .hasMessage("$DOCKER_HOST=tcp://u@h/x: expected tcp://HOST[:PORT]");
    }

    @Test
    void theCurrentContextOfConfigJsonNamesTheEndpointAndItsTls() throws Exception {
        Path docker = home.resolve(".docker");
        String id = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest("ci".getBytes(StandardCharsets.UTF_8)));
        Files.createDirectories(docker.resolve("contexts/meta/" + id));
        Files.createDirectories(docker.resolve("contexts/tls/" + id + "/docker"));
        Files.writeString(docker.resolve("config.json"), "{\"currentContext\": \"ci\"}");
        Files.writeString(
                docker.resolve("contexts/meta/" + id + "/meta.json"),
                "{\"Name\":\"ci\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://ci.example:2376\",\"SkipTLSVerify\":false}}}");
        Files.writeString(docker.resolve("contexts/tls/" + id + "/docker/ca.pem"), "x");
        List<EngineEndpoint> found = EngineEndpoints.candidates(EngineKind.DOCKER, Map.of("HOME", home.toString()));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).url()).isEqualTo("tcp://ci.example:2376");
        assertThat(found.get(0).foundBy()).isEqualTo("docker context ci");
        assertThat(found.get(0).tlsDir()).isEqualTo(docker.resolve("contexts/tls/" + id + "/docker"));
        assertThat(found.get(0).tlsVerify()).isTrue();
        // DOCKER_CONTEXT overrides config.json; default means the default socket
        assertThat(EngineEndpoints.candidates(
                                EngineKind.DOCKER, Map.of("HOME", home.toString(), "DOCKER_CONTEXT", "default"))
                        .get(0)
                        .url())
                .isEqualTo("unix:///var/run/docker.sock");
        assertThatThrownBy(() -> EngineEndpoints.candidates(
                        EngineKind.DOCKER, Map.of("HOME", home.toString(), "DOCKER_CONTEXT", "gone")))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("docker context gone ($DOCKER_CONTEXT):")
                .hasMessageEndingWith("meta.json is missing");
    }

    @Test
    void withoutSettingsTheDefaultAndRootlessSocketsAndPodmansAreTried() {
        assertThat(EngineEndpoints.candidates(
                                EngineKind.DOCKER, Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", "/run/user/7"))
                        .stream()
                        .map(EngineEndpoint::url))
                .containsExactly("unix:///var/run/docker.sock", "unix:///run/user/7/docker.sock");
        assertThat(EngineEndpoints.candidates(EngineKind.PODMAN, Map.of("XDG_RUNTIME_DIR", "/run/user/7")).stream()
                        .map(EngineEndpoint::url))
                .containsExactly("unix:///run/user/7/podman/podman.sock", "unix:///run/podman/podman.sock");
    }
}
