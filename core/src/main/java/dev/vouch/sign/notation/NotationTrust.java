package dev.vouch.sign.notation;

/**
 * The trust policy and trust store a check verifies Notation signatures with.
 *
 * @param policy the trust policy document
 * @param store the trust store
 */
public record NotationTrust(NotationTrustPolicy policy, NotationTrustStore store) {}
