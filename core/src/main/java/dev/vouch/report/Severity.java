package dev.vouch.report;

/** How much a finding matters, most severe first; the same scale as SARIF levels and CVSS ratings. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    INFO
}
