package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Reads one file of lookaside signature storage: a local directory or file:// URL, or http(s); bounded. */
final class Lookaside {
    private static final int MAX = 1 << 20;

    private Lookaside() {}

    /** The file at {@code relative} under {@code base}, or null when there is none (the end of the signatures). */
    static byte[] fetch(String base, String relative) throws IOException {
        if (relative.contains("..")) {
            throw new InvalidInputException("lookaside path " + relative + " climbs out of " + base);
        }
        if (base.startsWith("http://") || base.startsWith("https://")) {
            URI uri = URI.create(base.endsWith("/") ? base + relative : base + "/" + relative);
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            try {
                HttpResponse<InputStream> r = http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    if (r.statusCode() == 404) {
                        return null;
                    }
                    if (r.statusCode() != 200) {
                        throw new InvalidInputException(uri + ": the lookaside server answered " + r.statusCode());
                    }
                    return BoundedReads.readAll(in, MAX, uri.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }
        Path dir = base.startsWith("file://") ? Path.of(URI.create(base)) : Path.of(base);
        Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return BoundedReads.readAll(in, MAX, file.toString());
        }
    }
}
