package dev.vouch.check;

import java.util.List;

/**
 * The answer of {@code vouch check}: five sections in the order a careful reviewer asks (is it what I asked for, who
 * made it and from what, how was it built, what is inside, what will it run as), the review queue (every finding,
 * most important first) and the verdict. Its JSON form is documented in docs/report-schema.md.
 *
 * @param verdict {@code no policy} until a policy decides, {@code integrity failed} when a lock or digest check failed
 */
public record TrustReport(
        String image,
        String digest,
        String verdict,
        Section identity,
        Section origin,
        Section build,
        Section contents,
        Section runtime,
        List<String> reviewQueue,
        ReportFacts facts,
        List<RuleOutcome> policy) {
    public TrustReport {
        reviewQueue = List.copyOf(reviewQueue);
        policy = List.copyOf(policy);
    }

    /**
     * One policy rule's outcome: whether it held; when not, its message (with the evaluation error, if any) and the
     * evidence: the report facts its expression reads, as they were.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record RuleOutcome(
            String id, String severity, boolean passed, String message, String evidence, String fix) {}

    /** The same report with a policy's verdict and outcomes. */
    public TrustReport withPolicy(String verdict, List<RuleOutcome> outcomes) {
        return new TrustReport(
                image, digest, verdict, identity, origin, build, contents, runtime, reviewQueue, facts, outcomes);
    }

    /**
     * How the policy's rules went, for a verdict line: " (3 of 5 policy rules failed)", " (5 policy rules, none
     * failed)", with the warnings counted; "" without a policy.
     */
    public String policySummary() {
        if (policy == null || policy.isEmpty()) {
            return "";
        }
        long failed = policy.stream()
                .filter(o -> !o.passed() && o.severity().equals("deny"))
                .count();
        long warned = policy.stream()
                .filter(o -> !o.passed() && !o.severity().equals("deny"))
                .count();
        String w = warned == 0 ? "" : ", " + warned + " warning" + (warned == 1 ? "" : "s");
        return failed == 0
                ? " (" + policy.size() + " policy rules, none failed" + w + ")"
                : " (" + failed + " of " + policy.size() + " policy rules failed" + w + ")";
    }

    public List<Section> sections() {
        return List.of(identity, origin, build, contents, runtime);
    }
}
