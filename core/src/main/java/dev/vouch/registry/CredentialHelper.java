package dev.vouch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.RegistryException;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Docker credential helper, {@code docker-credential-NAME get}, with the server URL on stdin and reads
 * {@code {"ServerURL","Username","Secret"}} from stdout, as the <a
 * href="https://github.com/docker/docker-credential-helpers">docker-credential-helpers protocol</a> defines it.
 * A user name of {@code <token>} means the secret is an identity token. The helper is found on the
 * environment's PATH; its output is bounded and never repeated in messages.
 */
final class CredentialHelper {
    private static final int MAX_OUTPUT = 1 << 20;
    private static final long TIMEOUT_SECONDS = 30;

    private final String name;
    private final Map<String, String> env;
    private final String configuredIn;

    CredentialHelper(String name, Map<String, String> env, String configuredIn) {
        this.name = name;
        this.env = env;
        this.configuredIn = configuredIn;
    }

    String program() {
        return "docker-credential-" + name;
    }

    Optional<Credentials> get(String serverUrl) {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new RegistryException(configuredIn + ": invalid credential helper name");
        }
        Path exe = find(program());
        ProcessBuilder pb = new ProcessBuilder(exe.toString(), "get");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new RegistryException(program() + " (named in " + configuredIn + ") could not be started", e);
        }
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write((serverUrl + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // a helper that does not read stdin fails below with its exit code
            }
            byte[] out;
            try (InputStream stdout = p.getInputStream()) {
                out = BoundedReads.readAll(stdout, MAX_OUTPUT, program() + " output");
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new RegistryException(program() + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                if (text.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                    return Optional.empty();
                }
                throw new RegistryException(
                        program() + " failed for " + serverUrl + " with exit code " + p.exitValue());
            }
            JsonNode node;
            try {
                node = Json.tree(out, program() + " output");
            } catch (RuntimeException e) {
                throw new RegistryException(program() + " printed something that is not its JSON answer");
            }
            String user = node.path("Username").asText("");
            String secret = node.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            String origin = "credential helper " + program();
            return Optional.of(
                    user.equals("<token>")
                            ? Credentials.identityToken(secret, origin)
                            : Credentials.basic(user, secret, origin));
        } catch (IOException e) {
            throw new RegistryException(program() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(program() + " was interrupted", e);
        } finally {
            p.destroy();
        }
    }

    private Path find(String program) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new RegistryException(program + " (named in " + configuredIn + ") is not on PATH");
    }
}
