package dev.vouch.trace;

/** The outcome of a traceability check: proven, disproven, or not decidable (and the report says why). */
public enum TraceStatus {
    VERIFIED,
    MISMATCH,
    UNVERIFIABLE
}
