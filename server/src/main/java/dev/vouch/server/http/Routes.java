package dev.vouch.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.ImageRef;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.server.Metrics;
import dev.vouch.server.admission.AdmissionController;
import dev.vouch.server.admission.DigestResolver;
import dev.vouch.server.events.RegistryEvents;
import dev.vouch.server.store.ImageSummary;
import dev.vouch.server.store.Job;
import dev.vouch.server.store.ServerStore;
import dev.vouch.server.store.StoredImage;
import dev.vouch.server.work.Clock;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every HTTP endpoint of {@code vouch serve}: {@code POST /validate} and {@code /mutate} (admission), {@code POST
 * /events} (registry notifications), {@code GET /api/images/{digest}} (the report; {@code /sbom}, {@code
 * /report.html}, {@code /changes}), {@code GET /api/images?repository=}, {@code POST /api/check}, {@code GET
 * /api/healthz}, {@code GET /metrics} and the page at {@code /}. Bodies are bounded; errors are one JSON line.
 */
public final class Routes implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(Routes.class.getName());
    private static final Pattern IMAGE =
            Pattern.compile("/api/images/(sha256:[0-9a-f]{64})(/sbom|/report\\.html|/changes)?");
    private static final TemplateEngine PAGES =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.vouch.server.jte");
    static final int MAX_REVIEW = 8 << 20;
    static final int MAX_EVENTS = 1 << 20;
    static final int MAX_CHECK = 64 << 10;

    /** Who may post: the registry's shared secret and the API token (either may be absent). */
    public record Secrets(String notifications, String api) {}

    private final AdmissionController admission;
    private final ServerStore store;
    private final DigestResolver resolver;
    private final Metrics metrics;
    private final Secrets secrets;
    private final String registryName;
    private final Clock clock;

    public Routes(
            AdmissionController admission,
            ServerStore store,
            DigestResolver resolver,
            Metrics metrics,
            Secrets secrets,
            String registryName,
            Clock clock) {
        this.admission = admission;
        this.store = store;
        this.resolver = resolver;
        this.metrics = metrics;
        this.secrets = secrets;
        this.registryName = registryName;
        this.clock = clock;
    }

    /** An answer with a status: what a route returns, or what a refused request gets. */
    private static final class Answer extends RuntimeException {
        final int status;

        Answer(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public void handle(HttpExchange x) throws IOException {
        try (x) {
            try {
                route(x);
            } catch (Answer a) {
                error(x, a.status, a.getMessage());
            } catch (InvalidInputException e) {
                error(x, 400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "vouch: " + x.getRequestMethod() + " "
                                + x.getRequestURI().getPath(),
                        e);
                error(
                        x,
                        e instanceof dev.vouch.server.store.StoreException ? 503 : 500,
                        "internal error: " + e.getClass().getSimpleName());
            }
        }
    }

    private void route(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        switch (path) {
            case "/validate", "/mutate" -> {
                post(method);
                JsonNode review = Json.tree(body(x, MAX_REVIEW), "request body");
                json(x, 200, admission.review(review, path.equals("/mutate")).toString());
            }
            case "/events" -> {
                post(method);
                authorize(x, secrets.notifications(), "notifications");
                events(x);
            }
            case "/api/check" -> {
                post(method);
                authorize(x, secrets.api(), "the API");
                check(x);
            }
            case "/api/healthz" -> {
                get(method);
                boolean ok = store.healthy();
                json(x, ok ? 200 : 503, "{\"status\":\"" + (ok ? "ok" : "database unavailable") + "\"}");
            }
            case "/api/images" -> {
                get(method);
                list(x);
            }
            case "/metrics" -> {
                get(method);
                send(x, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.text());
            }
            case "/", "/index.html" -> {
                get(method);
                page(x);
            }
            default -> {
                Matcher m = IMAGE.matcher(path);
                if (!m.matches()) {
                    throw new Answer(404, "no such endpoint: " + path);
                }
                get(method);
                image(x, m.group(1), m.group(2));
            }
        }
    }

    private static void post(String method) {
        if (!method.equals("POST")) {
            throw new Answer(405, "use POST");
        }
    }

    private static void get(String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new Answer(405, "use GET");
        }
    }

    private static void authorize(HttpExchange x, String secret, String what) {
        if (secret == null) {
            return;
        }
        String given = x.getRequestHeaders().getFirst("Authorization");
        byte[] expected = ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw new Answer(401, "not authorized for " + what);
        }
    }

    private static byte[] body(HttpExchange x, int max) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            return BoundedReads.readAll(in, max, "request body");
        } catch (InvalidInputException e) {
            throw new Answer(413, "request body larger than " + max + " bytes");
        }
    }

    private void events(HttpExchange x) throws IOException {
        List<RegistryEvents.Push> pushes = RegistryEvents.pushes(body(x, MAX_EVENTS), registryName);
        long now = clock.millis();
        int queued = 0;
        for (RegistryEvents.Push p : pushes) {
            store.seen(p.registry() + "/" + p.repository(), p.digest(), p.tag(), now);
            queued += store.enqueue(Job.CHECK, p.digest(), p.reference(), false, now) ? 1 : 0;
        }
        metrics.count("vouch_registry_events_total", "Notification deliveries received from the registry", "");
        json(x, 200, "{\"pushes\":" + pushes.size() + ",\"queued\":" + queued + "}");
    }

    private void check(HttpExchange x) throws IOException {
        JsonNode req = Json.tree(body(x, MAX_CHECK), "request body");
        String image = req.path("image").asText("");
        if (!ImageRef.isReference(image)) {
            throw new InvalidInputException("request body: image: not an image reference");
        }
        ImageRef ref = ImageRef.parse(image);
        String digest;
        try {
            digest = resolver.digest(image);
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw new Answer(
                    502,
                    "could not resolve " + image + ": "
                            + String.valueOf(e.getMessage()).split("\n")[0]);
        }
        String reference = ref.domain() + "/" + ref.path() + "@" + digest;
        long now = clock.millis();
        store.seen(ref.domain() + "/" + ref.path(), digest, ref.digest() == null ? ref.tag() : null, now);
        store.enqueue(Job.CHECK, digest, reference, true, now);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("digest", digest);
        out.put("reference", reference);
        out.put("status", "queued");
        out.put("report", "/api/images/" + digest);
        json(x, 202, Json.writer().writeValueAsString(out));
    }

    private void list(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        int limit = 100;
        if (q.containsKey("limit")) {
            try {
                limit = Math.max(1, Math.min(1000, Integer.parseInt(q.get("limit"))));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("limit: not a number");
            }
        }
        List<ImageSummary> images = store.images(q.get("repository"), limit);
        json(x, 200, Json.writer().writeValueAsString(Map.of("images", images)));
    }

    private void image(HttpExchange x, String digest, String part) throws IOException {
        if ("/changes".equals(part)) {
            json(x, 200, Json.writer().writeValueAsString(Map.of("changes", store.changes(digest))));
            return;
        }
        Optional<StoredImage> found = store.image(digest);
        if (found.isEmpty()) {
            Optional<String[]> job = store.job(Job.CHECK, digest);
            throw new Answer(
                    404,
                    job.map(j -> "not checked yet (" + j[0] + ", attempt " + j[1] + (j[2] == null ? "" : ", " + j[2])
                                    + ")")
                            .orElse("no result for " + digest));
        }
        StoredImage i = found.get();
        if (part == null) {
            json(x, 200, i.report());
        } else if (part.equals("/sbom")) {
            send(x, 200, "application/vnd.cyclonedx+json; charset=utf-8", i.sbom());
        } else if (i.html() == null) {
            throw new Answer(404, "no HTML report stored for " + digest);
        } else {
            send(x, 200, "text/html; charset=utf-8", i.html());
        }
    }

    private void page(HttpExchange x) throws IOException {
        Map<String, Integer> states = store.jobStates();
        ImagesPage page = new ImagesPage(
                store.images(null, 100),
                states.getOrDefault("queued", 0),
                states.getOrDefault("running", 0),
                states.getOrDefault("failed", 0),
                store.shared() ? "PostgreSQL" : "SQLite");
        StringOutput out = new StringOutput();
        PAGES.render("images.jte", page, out);
        send(x, 200, "text/html; charset=utf-8", out.toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void json(HttpExchange x, int status, String body) throws IOException {
        send(x, status, "application/json", body);
    }

    private static void error(HttpExchange x, int status, String message) throws IOException {
        String line = String.valueOf(message).split("\n")[0];
        json(x, status, Json.writer().writeValueAsString(Map.of("error", line)));
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
