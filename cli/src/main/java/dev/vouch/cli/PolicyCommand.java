package dev.vouch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.policy.PolicyEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch policy check|eval}: validate a policy, or apply it to a report written earlier. */
@Command(
        name = "policy",
        description = "Policies are YAML files of CEL rules over the check report's JSON (see docs/policy.md).",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Eval.class})
final class PolicyCommand {
    @Command(name = "check", description = "Validates a policy: YAML shape, CEL syntax and types (with positions).")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "A policy file, or baseline / strict.")
        String file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PolicyEngine engine = dev.vouch.policy.Policies.load(file);
            spec.commandLine()
                    .getOut()
                    .println(file + ": " + engine.policy().rules().size() + " rule(s), valid");
            return Main.OK;
        }
    }

    @Command(
            name = "eval",
            description = "Applies a policy to a report written by `vouch check --format json -o FILE`.")
    static final class Eval implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "POLICY", description = "A policy file, or baseline / strict.")
        String policy;

        @Option(names = "--report", required = true, paramLabel = "FILE", description = "The report's JSON.")
        Path report;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PolicyEngine engine = dev.vouch.policy.Policies.load(policy);
            byte[] bytes;
            bytes = BoundedReads.readFile(report, 64 << 20);
            JsonNode json = Json.tree(bytes, report.toString());
            List<PolicyEngine.Outcome> outcomes = engine.evaluate(json);
            String verdict = PolicyEngine.verdict(outcomes);
            var out = spec.commandLine().getOut();
            out.println("verdict: " + verdict);
            for (PolicyEngine.Outcome o : outcomes) {
                if (!o.passed()) {
                    out.println("  " + (o.rule().deny() ? "deny" : "warn") + " "
                            + o.rule().id() + ": " + o.rule().message()
                            + (o.error() == null ? "" : " (" + o.error() + ")"));
                }
            }
            out.flush();
            return verdict.equals("pass") ? Main.OK : Main.CHECK_FAILED;
        }
    }
}
