package dev.vouch.engine;

import java.nio.file.Path;

/**
 * Where a container engine's API listens: a Unix socket ({@code unix:///var/run/docker.sock}) or a TCP address
 * ({@code tcp://host:2376}), with the TLS material of {@code DOCKER_CERT_PATH} or a docker context when the engine
 * wants a verified client.
 *
 * @param kind which engine this is expected to be (the prefix its images are named with)
 * @param address the socket path, or {@code host:port} for TCP
 * @param tcp whether the address is TCP
 * @param tlsDir a directory holding {@code ca.pem}, {@code cert.pem} and {@code key.pem}, or null for no TLS
 * @param tlsVerify whether the server's certificate is checked against {@code ca.pem}
 * @param foundBy how the address was found ({@code $DOCKER_HOST}, {@code docker context ci}, {@code default socket})
 */
public record EngineEndpoint(
        EngineKind kind, String address, boolean tcp, Path tlsDir, boolean tlsVerify, String foundBy) {

    /** A Unix socket endpoint. */
    public static EngineEndpoint unix(EngineKind kind, Path socket, String foundBy) {
        return new EngineEndpoint(kind, socket.toString(), false, null, false, foundBy);
    }

    /** The socket file of a Unix endpoint, or null for TCP. */
    public Path socket() {
        return tcp ? null : Path.of(address);
    }

    /** The address as {@code DOCKER_HOST} spells it. */
    public String url() {
        return tcp ? "tcp://" + address : "unix://" + address;
    }

    @Override
    public String toString() {
        return url();
    }
}
