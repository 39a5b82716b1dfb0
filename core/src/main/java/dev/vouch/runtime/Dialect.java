package dev.vouch.runtime;

/**
 * How each input spells the settings the runtime rules judge, so a finding names the setting its reader wrote:
 * {@code hostPID} in a pod spec, {@code --pid host} on a Docker container.
 */
public enum Dialect {
    KUBERNETES,
    DOCKER;

    String namespace(Namespace ns) {
        if (this == KUBERNETES) {
            return switch (ns) {
                case NETWORK -> "hostNetwork";
                case PID -> "hostPID";
                case IPC -> "hostIPC";
                case UTS -> "hostUTS";
                case USER -> "hostUsers";
            };
        }
        return switch (ns) {
            case NETWORK -> "--network host";
            case PID -> "--pid host";
            case IPC -> "--ipc host";
            case UTS -> "--uts host";
            case USER -> "--userns host";
        };
    }

    String sharesNamespace(Namespace ns) {
        return this == KUBERNETES
                ? namespace(ns) + " shares the node's namespace with the pod"
                : namespace(ns) + " shares the host's " + ns.label() + " namespace with the container";
    }

    String privileged() {
        return this == KUBERNETES
                ? "privileged: the container is root on the node"
                : "--privileged: the container is root on the host";
    }

    String escalation() {
        return this == KUBERNETES
                ? "allowPrivilegeEscalation is not false (setuid binaries can gain privileges)"
                : "no-new-privileges is not set (setuid binaries can gain privileges)";
    }

    String writableRoot() {
        return this == KUBERNETES
                ? "readOnlyRootFilesystem is not set"
                : "the root file system is writable (no --read-only)";
    }

    String rootUid() {
        return this == KUBERNETES
                ? "runs as uid 0 (runAsUser: 0)"
                : "runs as uid 0 (--user 0 or the image's root user)";
    }

    String rootUnset() {
        return this == KUBERNETES
                ? "runAsNonRoot is not set: the image's user (often root) decides"
                : "no --user: the image's user (often root) decides";
    }

    String limits(boolean memory, boolean cpu) {
        if (this == KUBERNETES) {
            return "no cpu and memory limits";
        }
        if (!memory && !cpu) {
            return "no memory limit (--memory) and no cpu limit (--cpus or --cpu-shares)";
        }
        return !memory ? "no memory limit (--memory)" : "no cpu limit (--cpus or --cpu-shares)";
    }

    String hostMount(String volume, String path) {
        return this == KUBERNETES ? "volume " + volume + " mounts the node's " + path : "mounts the host's " + path;
    }

    String writableMount(String path, String target) {
        return this == KUBERNETES
                ? "mounts host path " + path + " writable at " + target + " (readOnly: true would do for reading)"
                : "mounts host path " + path + " writable at " + target + " (:ro would do for reading)";
    }
}
