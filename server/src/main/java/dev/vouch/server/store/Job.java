package dev.vouch.server.store;

/**
 * One job of the work queue: {@code check} (subject: the image digest, reference: what to read) or {@code rematch}
 * (subject: the advisory data's fingerprint).
 *
 * @param attempts how many times a replica has taken it, this time included
 */
public record Job(String kind, String subject, String reference, int attempts) {
    public static final String CHECK = "check";
    public static final String REMATCH = "rematch";
}
