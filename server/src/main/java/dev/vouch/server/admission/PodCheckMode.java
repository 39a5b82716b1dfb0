package dev.vouch.server.admission;

/** What the pod-spec checks (K8S001-K8S010) do at admission: deny on a high finding, only warn, or nothing. */
public enum PodCheckMode {
    DENY,
    WARN,
    OFF
}
