package dev.vouch.policy;

/**
 * One rule of a policy: a CEL expression over the report ({@code report}) and the policy's parameters ({@code
 * params}) that must be true.
 *
 * @param deny true for {@code severity: deny} (the verdict fails), false for {@code warn} (reported only)
 * @param fix what to do when the rule fails, or null
 */
public record PolicyRule(String id, boolean deny, String message, String expr, String fix) {}
