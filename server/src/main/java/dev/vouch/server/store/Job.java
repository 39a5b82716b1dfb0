package dev.vouch.server.store;

/**
 * One job of the work queue: {@code check} (subject: the image digest, reference: what to read) or {@code rematch}
 * (subject: the advisory data's fingerprint).
 *
 * @param attempts how many times a replica has taken it, this time included
 * @param queuedAt when it was queued (a result stored since then makes a check job moot)
 */
public record Job(String kind, String subject, String reference, int attempts, long queuedAt) {
    public static final String CHECK = "check";
    public static final String REMATCH = "rematch";
}
