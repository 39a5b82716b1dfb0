package dev.vouch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The launcher's class-data training run, not a verb: reads the demo image from its layout, pulls it from a
 * registry stub served in-process on 127.0.0.1, and audits a small Dockerfile, so that the archive holds the classes
 * those paths need (HTTP client, parsers, rules).
 */
final class Warmup {
    private Warmup() {}

    public static void main(String[] args) throws Exception {
        Path layout = Path.of(args[0]);
        JsonNode index =
                new ObjectMapper().readTree(layout.resolve("index.json").toFile());
        JsonNode top = index.path("manifests").path(0);
        String manifestDigest = top.path("digest").asText();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/v2/",
                ex -> serve(ex, layout, manifestDigest, top.path("mediaType").asText()));
        server.start();
        try {
            PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            Main.Context context = new Main.Context(Map.of(), java.io.InputStream.nullInputStream());
            Main.run(new String[] {"layers", "--format", "json", "oci:" + layout}, quiet, quiet, context);
            String ref = "127.0.0.1:" + server.getAddress().getPort() + "/warm/up:1";
            Main.run(new String[] {"layers", "--no-cache", ref}, quiet, quiet, context);
            String dockerfile = "FROM debian:12\nARG V=1\nRUN curl -fsSLo t.tgz https://example.com/t-$V.tgz"
                    + " && echo \"$SHA *t.tgz\" | sha256sum -c - && tar -xzf t.tgz\nUSER 65532\nCMD [\"/t\"]\n";
            Main.run(
                    new String[] {"dockerfile", "-"},
                    quiet,
                    quiet,
                    new Main.Context(
                            Map.of(),
                            new java.io.ByteArrayInputStream(
                                    dockerfile.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } finally {
            server.stop(0);
        }
    }

    private static void serve(HttpExchange ex, Path layout, String manifestDigest, String mediaType)
            throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (path.equals("/v2/")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            String digest = path.contains("/manifests/") ? manifestDigest : path.substring(path.lastIndexOf('/') + 1);
            Path blob = layout.resolve("blobs/sha256").resolve(digest.substring(digest.indexOf(':') + 1));
            if (!Files.isRegularFile(blob)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(blob);
            if (path.contains("/manifests/")) {
                ex.getResponseHeaders().add("Content-Type", mediaType);
                ex.getResponseHeaders().add("Docker-Content-Digest", manifestDigest);
            }
            if (head) {
                ex.getResponseHeaders().add("Content-Length", Long.toString(bytes.length));
                ex.sendResponseHeaders(200, -1);
            } else {
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        }
    }
}
