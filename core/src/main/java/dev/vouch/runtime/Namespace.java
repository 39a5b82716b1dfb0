package dev.vouch.runtime;

/** The Linux namespaces a container can share with its host. */
public enum Namespace {
    NETWORK("network"),
    PID("process"),
    IPC("IPC"),
    UTS("UTS"),
    USER("user");

    private final String label;

    Namespace(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
