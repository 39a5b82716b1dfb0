package dev.vouch.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.vouch.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles a policy's CEL rules (each must be a boolean expression over {@code report} and {@code params}; syntax and
 * type errors are reported with their line and column) and evaluates them on a report's JSON.
 */
public final class PolicyEngine {
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("report", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("params", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS)
            .build();
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final Policy policy;
    private final List<CelRuntime.Program> programs;

    private PolicyEngine(Policy policy, List<CelRuntime.Program> programs) {
        this.policy = policy;
        this.programs = programs;
    }

    /** Compiles every rule; all errors are listed in one message ({@code where: rule ID: line:col: problem}). */
    public static PolicyEngine compile(Policy policy, String where) {
        List<String> errors = new ArrayList<>();
        List<CelRuntime.Program> programs = new ArrayList<>();
        for (PolicyRule r : policy.rules()) {
            CelValidationResult result = COMPILER.compile(r.expr());
            if (result.hasError()) {
                for (var issue : result.getErrors()) {
                    var loc = issue.getSourceLocation();
                    errors.add(where + ": rule " + r.id() + ": "
                            + (loc.getLine() > 0 ? loc.getLine() + ":" + (loc.getColumn() + 1) + ": " : "")
                            + issue.getMessage());
                }
                continue;
            }
            try {
                CelAbstractSyntaxTree ast = result.getAst();
                programs.add(RUNTIME.createProgram(ast));
            } catch (CelValidationException | CelEvaluationException e) {
                errors.add(where + ": rule " + r.id() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(String.join("; ", errors));
        }
        return new PolicyEngine(policy, programs);
    }

    /** One rule's outcome; {@code error} when it could not be evaluated (which counts as not holding). */
    public record Outcome(PolicyRule rule, boolean passed, String error) {}

    /** Evaluates every rule on a report's JSON. */
    public List<Outcome> evaluate(JsonNode report) {
        Map<String, Object> vars = Map.of("report", view(report), "params", policy.params());
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            PolicyRule r = policy.rules().get(i);
            try {
                Object v = programs.get(i).eval(vars);
                out.add(new Outcome(r, Boolean.TRUE.equals(v), null));
            } catch (CelEvaluationException e) {
                out.add(new Outcome(r, false, e.getMessage().lines().findFirst().orElse("evaluation failed")));
            }
        }
        return out;
    }

    /**
     * What {@code report} is in a rule: the report's JSON with the fields of its {@code facts} also at the top
     * ({@code report.user.isRoot} as well as {@code report.facts.user.isRoot}); a report's own field wins a clash.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> view(JsonNode report) {
        Map<String, Object> top = (Map<String, Object>) CelValues.of(report);
        Object facts = top.get("facts");
        if (facts instanceof Map<?, ?> f) {
            Map<String, Object> merged = new java.util.LinkedHashMap<>();
            f.forEach((k, v) -> merged.put((String) k, v));
            merged.putAll(top);
            return merged;
        }
        return top;
    }

    /** {@code pass} when every deny rule held, else {@code fail}. */
    public static String verdict(List<Outcome> outcomes) {
        return outcomes.stream().anyMatch(o -> o.rule().deny() && !o.passed()) ? "fail" : "pass";
    }

    public Policy policy() {
        return policy;
    }
}
