package dev.vouch.registry;

/** Where a bare image name ({@code myapp:dev}, {@code nginx:1.27}) is looked for. */
public enum ImageSourceMode {
    /** A reachable local engine first; the registry when no engine has it. */
    AUTO,
    /** Only a local engine (Docker, then Podman). */
    ENGINE,
    /** Only the registry the name points to. */
    REGISTRY
}
