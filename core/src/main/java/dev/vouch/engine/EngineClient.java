package dev.vouch.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.EngineException;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The calls vouch makes to a Docker Engine API (<a href="https://docs.docker.com/reference/api/engine/">Engine API</a>;
 * Podman serves the same paths): version and info, an image's description, the {@code docker save} stream of an
 * image, and the containers with their settings. Only GET requests: vouch never changes what the engine holds. JSON
 * answers are bounded in size; an image export is spooled to one private temporary file no larger than the engine's
 * own count of the image's bytes allows.
 */
public final class EngineClient {
    /** Image names and ids the engine's path accepts: a reference, an id, or a short id; nothing that changes the URL. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]{0,510}");

    private static final int MAX_JSON = 8 << 20;
    private static final int MAX_ERROR = 64 * 1024;
    /** Bytes of a save stream beyond the image's own: tar headers, configs, manifests. */
    private static final long EXPORT_SLACK = 64L << 20;

    private final EngineEndpoint endpoint;
    private final Duration idle;

    public EngineClient(EngineEndpoint endpoint, Duration idle) {
        this.endpoint = endpoint;
        this.idle = idle;
    }

    public EngineEndpoint endpoint() {
        return endpoint;
    }

    /** The engine's {@code /version}. */
    public JsonNode version() throws IOException {
        return json("/version").orElseThrow(() -> unexpected("/version", 404));
    }

    /** The engine's {@code /info}. */
    public JsonNode info() throws IOException {
        return json("/info").orElseThrow(() -> unexpected("/info", 404));
    }

    /** The containers {@code docker ps} lists ({@code all}: also created and stopped ones, as {@code docker ps -a}). */
    public List<String> containerIds(boolean all) throws IOException {
        JsonNode list =
                json("/containers/json" + (all ? "?all=1" : "")).orElseThrow(() -> unexpected("/containers", 404));
        List<String> ids = new ArrayList<>();
        for (JsonNode c : list) {
            String id = c.path("Id").asText("");
            if (id.matches("[a-f0-9]{12,64}")) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** A network ({@code docker network inspect NAME}), or empty when the engine has none of that name. */
    public Optional<JsonNode> network(String name) throws IOException {
        return json("/networks/" + checkedName(name));
    }

    /** {@code docker inspect} of a container, or empty when it is gone. */
    public Optional<JsonNode> container(String id) throws IOException {
        return json("/containers/" + checkedName(id) + "/json");
    }

    /** The engine's description of an image, or empty when it does not have one of that name. */
    public Optional<EngineImage> image(String name) throws IOException {
        Optional<JsonNode> found = json("/images/" + checkedName(name) + "/json");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = found.get();
        String id = n.path("Id").asText("");
        if (!id.matches("sha256:[a-f0-9]{64}")) {
            throw new EngineException(what() + ": image " + name + ": field Id is not a sha256 digest");
        }
        List<String> tags = new ArrayList<>();
        n.path("RepoTags").forEach(t -> tags.add(t.asText()));
        List<String> digests = new ArrayList<>();
        n.path("RepoDigests").forEach(t -> digests.add(t.asText()));
        return Optional.of(new EngineImage(id, tags, digests, n.path("Size").asLong(0)));
    }

    /**
     * Spools the {@code docker save} stream of an image ({@code GET /images/{name}/get}) into a new file in
     * {@code dir}, readable by this user only. The file is removed when anything fails; the caller removes it after.
     */
    public Path export(String name, EngineImage image, Path dir) throws IOException {
        long max = Math.max(image.size(), 0) + image.size() / 8 + EXPORT_SLACK;
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable < Math.min(max, image.size() + EXPORT_SLACK)) {
            throw new EngineException("exporting " + name + " from " + what() + " needs up to " + max + " bytes in "
                    + dir + ", which has " + usable + " free (set TMPDIR or java.io.tmpdir elsewhere)");
        }
        // createTempFile makes it readable and writable by its owner only (0600) on a POSIX file system
        Path spool = Files.createTempFile(dir, "vouch-engine-", ".tar");
        boolean done = false;
        try {
            try (Http.Exchange x = Http.get(endpoint, "/images/" + checkedName(name) + "/get", idle)) {
                if (x.status() != 200) {
                    throw failure(x, "/images/" + name + "/get");
                }
                try (OutputStream out = Files.newOutputStream(spool)) {
                    copyBounded(x.body(), out, max, name);
                }
            }
            done = true;
            return spool;
        } finally {
            if (!done) {
                Files.deleteIfExists(spool);
            }
        }
    }

    private void copyBounded(InputStream in, OutputStream out, long max, String name) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > max) {
                throw new EngineException(what() + ": the export of " + name + " exceeds " + max
                        + " bytes, more than the engine's own size of the image allows");
            }
            out.write(buf, 0, n);
        }
    }

    /** GET a JSON document; empty on 404. */
    Optional<JsonNode> json(String path) throws IOException {
        try (Http.Exchange x = Http.get(endpoint, path, idle)) {
            if (x.status() == 404) {
                return Optional.empty();
            }
            if (x.status() != 200) {
                throw failure(x, path);
            }
            byte[] body = x.body().readNBytes(MAX_JSON + 1);
            if (body.length > MAX_JSON) {
                throw new EngineException(what() + ": " + path + ": the answer is larger than " + MAX_JSON + " bytes");
            }
            try {
                return Optional.of(Json.tree(body, what() + " " + path));
            } catch (InvalidInputException e) {
                throw new EngineException(e.getMessage(), e);
            }
        }
    }

    private EngineException failure(Http.Exchange x, String path) throws IOException {
        byte[] body = x.body().readNBytes(MAX_ERROR);
        String message;
        try {
            message = Json.tree(body, "error").path("message").asText("");
        } catch (RuntimeException e) {
            message = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
        return new EngineException(what() + ": " + path + ": HTTP " + x.status()
                + (message.isBlank() ? "" : ": " + Http.printable(message.strip())));
    }

    private EngineException unexpected(String path, int status) {
        return new EngineException(what() + ": " + path + ": HTTP " + status);
    }

    private String what() {
        return endpoint.kind().label() + " engine at " + endpoint;
    }

    private static String checkedName(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new InvalidInputException("'" + Http.printable(name) + "' is not an image or container name");
        }
        return name;
    }
}
