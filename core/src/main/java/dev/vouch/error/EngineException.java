package dev.vouch.error;

/**
 * A container engine (Docker, or Podman's Docker-compatible API) could not be reached or refused a request: no socket,
 * a refused connection, permission denied on the socket, an image the engine does not have, or a response that is not
 * what the <a href="https://docs.docker.com/reference/api/engine/">Engine API</a> describes. The message names the
 * engine's address.
 */
public final class EngineException extends VouchException {
    public EngineException(String message) {
        super(message, null);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
