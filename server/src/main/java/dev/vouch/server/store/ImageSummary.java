package dev.vouch.server.store;

/** A line of the image list: digest, the reference it was checked as, its verdict and when. */
public record ImageSummary(String digest, String reference, String verdict, long checkedAt, long rematchedAt) {}
