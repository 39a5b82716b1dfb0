package dev.vouch.server.admission;

/**
 * What to answer when an image cannot be judged in time (registry unreachable, check failed or too slow): CLOSED
 * denies, OPEN admits with a warning. Like the webhook configuration's {@code failurePolicy}, for vouch's own side.
 */
public enum FailurePolicy {
    CLOSED,
    OPEN
}
