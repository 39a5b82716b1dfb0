package dev.vouch.server.store;

/** A verdict that changed after the image was checked, and why (such as new advisories). */
public record VerdictChange(String digest, long changedAt, String oldVerdict, String newVerdict, String reason) {}
