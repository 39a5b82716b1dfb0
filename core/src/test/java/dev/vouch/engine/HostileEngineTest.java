package dev.vouch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.EngineException;
import dev.vouch.error.InvalidInputException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or broken engine can answer: a fake server on a Unix socket (the logic of the HTTP client, not an
 * engine; the real engine is tested through the CLI). Every answer ends in one line naming the engine.
 */
class HostileEngineTest {
    @TempDir
    Path dir;

    /** Serves each connection with what {@code answer} gives for the request line, then closes it. */
    private EngineClient serve(Function<String, byte[]> answer, Duration idle) throws IOException {
        Path socket = Files.createTempDirectory(Path.of("/tmp"), "vh").resolve("s.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer buf = ByteBuffer.allocate(8192);
                    c.read(buf);
                    String request = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
                    byte[] out = answer.apply(request.substring(0, request.indexOf('\r')));
                    if (out != null) {
                        c.write(ByteBuffer.wrap(out));
                    } else {
                        Thread.sleep(3000);
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return new EngineClient(EngineEndpoint.unix(EngineKind.DOCKER, socket, "test"), idle);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void chunkedAnswersAreDecodedWithExtensionsAndTrailers() throws Exception {
        EngineClient good = serve(
                r -> ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\n{\"Id\"\r\n5\r\n:\"x\"}\r\n0\r\nTrailer: t\r\n\r\n"),
                Duration.ofSeconds(5));
        assertThat(good.json("/x").orElseThrow().path("Id").asText()).isEqualTo("x");
    }

    @Test
    void aBadChunkSizeIsOneLine() throws Exception {
        EngineClient bad = serve(
                r -> ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
                Duration.ofSeconds(5));
        assertThatThrownBy(bad::version)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("malformed chunk size 'zz'");
    }

    @Test
    void notHttpTooManyHeadersAndErrorsNameTheEngine() throws Exception {
        EngineClient notHttp = serve(r -> ascii("SSH-2.0-OpenSSH\r\n"), Duration.ofSeconds(5));
        assertThatThrownBy(notHttp::info)
                .isInstanceOf(EngineException.class)
                .hasMessageEndingWith(": not an HTTP response ('SSH-2.0-OpenSSH')");
        EngineClient headers =
                serve(r -> ascii("HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(200) + "\r\n"), Duration.ofSeconds(5));
        assertThatThrownBy(headers::info).hasMessageContaining("response headers exceed 100 lines");
        EngineClient refused = serve(
                r -> ascii(
                        "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 27\r\n\r\n{\"message\":\"disk is full\"}\n"),
                Duration.ofSeconds(5));
        assertThatThrownBy(refused::info)
                .isInstanceOf(EngineException.class)
                .hasMessageEndingWith("/info: HTTP 500: disk is full");
    }

    @Test
    void aSilentEngineTimesOut() throws Exception {
        EngineClient silent = serve(r -> null, Duration.ofMillis(300));
        assertThatThrownBy(silent::info).isInstanceOf(EngineException.class).hasMessageContaining("no answer within");
    }

    @Test
    void anExportLargerThanTheImageIsStoppedAndLeavesNoFile() throws Exception {
        byte[] big = new byte[70 << 20];
        EngineClient liar = serve(
                r -> {
                    byte[] head = ascii("HTTP/1.1 200 OK\r\nContent-Length: " + big.length + "\r\n\r\n");
                    byte[] all = new byte[head.length + big.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    return all;
                },
                Duration.ofSeconds(10));
        Path spool = Files.createDirectories(dir.resolve("spool"));
        assertThatThrownBy(() ->
                        liar.export("app:1", new EngineImage("sha256:" + "a".repeat(64), null, null, 1000), spool))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("the export of app:1 exceeds");
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void namesThatWouldChangeTheRequestAreRefused() throws Exception {
        EngineClient any =
                serve(r -> ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"), Duration.ofSeconds(5));
        assertThatThrownBy(() -> any.image("app:1 HTTP/1.1\r\nX: y")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> any.image("../../containers/x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> any.image("app?all=1")).isInstanceOf(InvalidInputException.class);
        assertThat(any.image("app:1")).isEmpty();
    }
}
