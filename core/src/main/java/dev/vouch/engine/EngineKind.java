package dev.vouch.engine;

/** The engines whose Docker-compatible API vouch reads, and the image-name prefix that picks each. */
public enum EngineKind {
    DOCKER("docker-daemon"),
    PODMAN("podman");

    private final String prefix;

    EngineKind(String prefix) {
        this.prefix = prefix;
    }

    /** The transport prefix of image names read from this engine ({@code docker-daemon:NAME}). */
    public String prefix() {
        return prefix;
    }

    /** The engine's name in messages. */
    public String label() {
        return this == DOCKER ? "Docker" : "Podman";
    }
}
