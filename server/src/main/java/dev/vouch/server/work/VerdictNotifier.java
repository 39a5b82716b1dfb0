package dev.vouch.server.work;

import dev.vouch.io.Json;
import dev.vouch.server.store.VerdictChange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Tells a configured URL that a stored image's verdict changed: a JSON POST ({@code digest}, {@code reference}, {@code
 * oldVerdict}, {@code newVerdict}, {@code reason}, {@code changedAt}), tried three times with a growing pause. The
 * change is in the database before it is sent, so a failed delivery loses nothing but the message.
 */
public final class VerdictNotifier {
    private static final Logger LOG = Logger.getLogger(VerdictNotifier.class.getName());

    private final URI url;
    private final HttpClient client;

    public VerdictNotifier(URI url) {
        this.url = url;
        this.client = url == null
                ? null
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public CompletableFuture<Boolean> send(VerdictChange change, String reference) {
        if (url == null) {
            return CompletableFuture.completedFuture(false);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("digest", change.digest());
        body.put("reference", reference);
        body.put("oldVerdict", change.oldVerdict());
        body.put("newVerdict", change.newVerdict());
        body.put("reason", change.reason());
        body.put("changedAt", java.time.Instant.ofEpochMilli(change.changedAt()).toString());
        byte[] json;
        try {
            json = Json.writer().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        return attempt(request, 1);
    }

    private CompletableFuture<Boolean> attempt(HttpRequest request, int n) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((r, e) -> e == null && r.statusCode() / 100 == 2)
                .thenCompose(ok -> {
                    if (ok || n == 3) {
                        if (!ok) {
                            LOG.warning("vouch: could not tell " + url + " about a changed verdict (3 attempts)");
                        }
                        return CompletableFuture.completedFuture(ok);
                    }
                    return CompletableFuture.supplyAsync(
                                    () -> null, CompletableFuture.delayedExecutor(n * 500L, TimeUnit.MILLISECONDS))
                            .thenCompose(x -> attempt(request, n + 1));
                });
    }
}
