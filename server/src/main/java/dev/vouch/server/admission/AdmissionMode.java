package dev.vouch.server.admission;

/** Enforce (deny what fails) or warn (a dry run: admit, and say what would have been denied). */
public enum AdmissionMode {
    ENFORCE,
    WARN
}
