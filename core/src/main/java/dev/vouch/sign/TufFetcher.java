package dev.vouch.sign;

import dev.sigstore.tuf.Fetcher;
import dev.sigstore.tuf.FileExceedsMaxLengthException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches TUF files for sigstore-java's updater with the JDK's HTTP client: bounded by the length the updater allows,
 * 30 s per file, no redirects; a missing file (404) is null, as the updater expects when it looks for a next root.
 */
final class TufFetcher implements Fetcher {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;

    TufFetcher(URI base) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    }

    @Override
    public String getSource() {
        return base.toString();
    }

    @Override
    public byte[] fetchResource(String filename, int maxLength) throws IOException, FileExceedsMaxLengthException {
        if (!filename.matches("[A-Za-z0-9._-]{1,255}")) {
            throw new IOException("refusing to fetch the TUF file name '" + filename + "'");
        }
        URI uri = base.resolve(filename);
        HttpResponse<InputStream> r;
        try {
            r = HTTP.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.net.ConnectException e) {
            throw new IOException(base + " refused the connection");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException(uri + " did not answer within 30 s");
        }
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                return null;
            }
            if (r.statusCode() != 200) {
                throw new IOException(uri + " answered HTTP " + r.statusCode());
            }
            byte[] bytes = in.readNBytes(maxLength);
            if (bytes.length == maxLength && in.read() != -1) {
                throw new FileExceedsMaxLengthException(uri.toString(), maxLength);
            }
            return bytes;
        }
    }
}
