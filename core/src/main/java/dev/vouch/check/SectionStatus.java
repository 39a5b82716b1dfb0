package dev.vouch.check;

/** Where a report section stands: proven, open questions for a person, disproven, or not checkable here. */
public enum SectionStatus {
    VERIFIED,
    NEEDS_REVIEW,
    FAILED,
    UNKNOWN
}
