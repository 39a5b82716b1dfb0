package dev.vouch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.api.CheckRequest;
import dev.vouch.api.CheckResult;
import dev.vouch.api.Vouch;
import dev.vouch.check.TrustReport;
import dev.vouch.check.render.Sarif;
import dev.vouch.check.render.Wrap;
import dev.vouch.engine.EngineClient;
import dev.vouch.engine.EngineEndpoint;
import dev.vouch.engine.EngineEndpoints;
import dev.vouch.engine.EngineKind;
import dev.vouch.engine.audit.EngineAudit;
import dev.vouch.engine.audit.EngineFinding;
import dev.vouch.error.EngineException;
import dev.vouch.error.InvalidInputException;
import dev.vouch.error.VouchException;
import dev.vouch.image.Platform;
import dev.vouch.io.Json;
import dev.vouch.policy.PolicyEngine;
import dev.vouch.report.Severity;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vouch engine}: the Docker host as Docker Bench for Security does it, with the CIS Docker Benchmark v1.6 ids
 * (docs/engine.md), and every container's image judged by a policy, as {@code vouch check} would.
 */
@Command(
        name = "engine",
        description = "Audit a Docker engine and its containers (CIS Docker Benchmark v1.6): the daemon's settings, the"
                + " engine's files, how each container runs, and whether each container's image passes a policy."
                + " Exit 1 when a finding reaches --fail-on.")
final class EngineCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        sarif
    }

    @Option(
            names = {"-H", "--host"},
            paramLabel = "URL",
            description = "The engine (unix:///PATH or tcp://HOST:PORT); default: $DOCKER_HOST, the docker context,"
                    + " /var/run/docker.sock.")
    String host;

    @Option(names = "--root", paramLabel = "DIR", description = "Where the host's files are (default: /).")
    Path root = Path.of("/");

    @Option(
            names = {"-a", "--all"},
            description = "Also created and stopped containers (as docker ps -a).")
    boolean all;

    @Option(
            names = "--policy",
            paramLabel = "baseline|strict|FILE|none",
            defaultValue = "baseline",
            description = "The policy each container's image must pass (default: baseline; none skips the images).")
    String policy;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            defaultValue = "high",
            description = "Exit 1 when a finding is this severe or more (critical, high, medium, low, info;"
                    + " default: high).")
    String failOn;

    @Option(names = "--format", paramLabel = "text|json|sarif", description = "text, json or sarif (default: text).")
    Format format = Format.text;

    @picocli.CommandLine.Mixin
    DbOption db = new DbOption();

    @Spec
    CommandSpec spec;

    private record ImageJudgement(
            String imageId,
            List<String> containers,
            String digest,
            String verdict,
            List<TrustReport.RuleOutcome> failed,
            String error) {}

    @Override
    public Integer call() throws Exception {
        Main.Context context = Main.Context.of(spec);
        Severity threshold;
        try {
            threshold = Severity.valueOf(failOn.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--fail-on " + failOn + ": expected critical, high, medium, low or info");
        }
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("--root " + root + ": no such directory");
        }
        PolicyEngine engine = policy.equals("none") ? null : dev.vouch.policy.Policies.load(policy);
        Map<String, String> env = new LinkedHashMap<>(context.env());
        if (host != null) {
            env.put("DOCKER_HOST", host);
        }
        EngineClient client = reachable(EngineEndpoints.candidates(EngineKind.DOCKER, env));
        EngineAudit.Report report = EngineAudit.run(client, root, all, context.env());
        List<EngineFinding> findings = new ArrayList<>(report.findings());
        List<ImageJudgement> images = engine == null ? List.of() : judgeImages(report, engine, env, findings);
        findings.sort(Comparator.comparing(EngineFinding::severity));
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> out.println(Json.writer().writeValueAsString(json(report, images, findings)));
            case sarif -> out.println(Json.writer().writeValueAsString(sarif(findings)));
            case text -> out.print(text(report, images, findings, Terminal.width(Main.Context.of(spec))));
        }
        out.flush();
        return findings.stream().anyMatch(f -> f.severity().compareTo(threshold) <= 0) ? Main.CHECK_FAILED : Main.OK;
    }

    private static EngineClient reachable(List<EngineEndpoint> candidates) throws java.io.IOException {
        List<String> tried = new ArrayList<>();
        for (EngineEndpoint ep : candidates) {
            if (candidates.size() > 1 && !ep.tcp() && !Files.exists(ep.socket())) {
                tried.add(ep + " (no such socket)");
                continue;
            }
            EngineClient client = new EngineClient(ep, Duration.ofSeconds(60));
            try {
                client.version();
                return client;
            } catch (EngineException e) {
                if (candidates.size() == 1) {
                    throw e; // the one address the user named: its own error
                }
                tried.add(e.getMessage());
            }
        }
        throw new EngineException("no Docker engine is reachable; tried " + String.join(", ", tried));
    }

    /** Each distinct image of the containers, checked as vouch check --policy would; a failing one is a finding. */
    private List<ImageJudgement> judgeImages(
            EngineAudit.Report report, PolicyEngine engine, Map<String, String> env, List<EngineFinding> findings)
            throws java.io.IOException {
        Map<String, List<String>> byImage = new LinkedHashMap<>();
        for (EngineAudit.Container c : report.containers()) {
            byImage.computeIfAbsent(c.imageId(), k -> new ArrayList<>()).add(c.name());
        }
        List<ImageJudgement> out = new ArrayList<>();
        Main.Context context = Main.Context.of(spec);
        var registry = dev.vouch.registry.RegistryOptions.defaults(env)
                .withCacheDir(RegistryFlags.defaultCacheDir(context.env()));
        for (var e : byImage.entrySet()) {
            String names = String.join(", ", e.getValue());
            try {
                CheckResult r = Vouch.check(CheckRequest.builder("docker-daemon:" + e.getKey())
                        .policy(engine)
                        .platform(Platform.LINUX_AMD64)
                        .registry(registry)
                        .vulnerabilityDatabase(db.file(context))
                        .build());
                List<TrustReport.RuleOutcome> failed =
                        r.report().policy().stream().filter(o -> !o.passed()).toList();
                out.add(new ImageJudgement(
                        e.getKey(),
                        e.getValue(),
                        r.report().digest(),
                        r.report().verdict(),
                        failed,
                        null));
                if (r.failed()) {
                    findings.add(new EngineFinding(
                            "ENG040",
                            "4.4",
                            Severity.HIGH,
                            "image " + e.getKey(),
                            "container(s) " + names + " run image " + e.getKey() + ", which fails the " + policy
                                    + " policy: "
                                    + String.join(
                                            ", ",
                                            failed.stream()
                                                    .map(TrustReport.RuleOutcome::id)
                                                    .toList()),
                            "vouch check docker-daemon:" + e.getKey() + " --policy " + policy
                                    + " shows why; rebuild or replace the image"));
                }
            } catch (VouchException ex) {
                out.add(new ImageJudgement(e.getKey(), e.getValue(), null, "not checked", List.of(), ex.getMessage()));
                findings.add(new EngineFinding(
                        "ENG041",
                        null,
                        Severity.MEDIUM,
                        "image " + e.getKey(),
                        "the image of container(s) " + names + " could not be checked: " + ex.getMessage(),
                        "vouch check docker-daemon:" + e.getKey() + " --debug"));
            }
        }
        return out;
    }

    private static ObjectNode json(
            EngineAudit.Report report, List<ImageJudgement> images, List<EngineFinding> findings) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode e = root.putObject("engine");
        e.put("name", report.engine());
        e.put("version", report.version());
        e.put("endpoint", report.endpoint());
        ArrayNode cs = root.putArray("containers");
        for (EngineAudit.Container c : report.containers()) {
            cs.addObject()
                    .put("id", c.id())
                    .put("name", c.name())
                    .put("image", c.image())
                    .put("imageId", c.imageId())
                    .put("state", c.state());
        }
        ArrayNode is = root.putArray("images");
        for (ImageJudgement j : images) {
            ObjectNode i = is.addObject()
                    .put("imageId", j.imageId())
                    .put("digest", j.digest())
                    .put("verdict", j.verdict());
            j.containers().forEach(i.withArray("containers")::add);
            ArrayNode failed = i.putArray("failedRules");
            j.failed().forEach(o -> failed.addObject().put("id", o.id()).put("message", o.message()));
            if (j.error() != null) {
                i.put("error", j.error());
            }
        }
        ArrayNode fs = root.putArray("findings");
        for (EngineFinding f : findings) {
            fs.addObject()
                    .put("id", f.id())
                    .put("cis", f.cis())
                    .put("severity", f.severity().name())
                    .put("object", f.object())
                    .put("message", f.message())
                    .put("fix", f.fix());
        }
        return root;
    }

    private static ObjectNode sarif(List<EngineFinding> findings) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode run = Sarif.skeleton(root);
        ArrayNode rules = ((ObjectNode) run.path("tool").path("driver")).putArray("rules");
        Map<String, Integer> index = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        for (EngineFinding f : findings) {
            index.computeIfAbsent(f.id(), id -> {
                ObjectNode r = rules.addObject();
                r.put("id", id);
                r.putObject("properties").put("security-severity", Sarif.securitySeverity(f.severity()));
                return rules.size() - 1;
            });
            ObjectNode r = results.addObject();
            r.put("ruleId", f.id());
            r.put("ruleIndex", index.get(f.id()));
            r.put("level", Sarif.level(f.severity()));
            r.putObject("message").put("text", f.message() + (f.fix() == null ? "" : " Fix: " + f.fix()));
            ObjectNode logical = r.putArray("locations")
                    .addObject()
                    .putArray("logicalLocations")
                    .addObject();
            logical.put("name", f.object());
            logical.put(
                    "kind",
                    f.object().startsWith("container") ? "object" : f.object().startsWith("/") ? "resource" : "module");
            if (f.cis() != null) {
                r.putObject("properties").put("cis", f.cis());
            }
        }
        return root;
    }

    /** The text report: the engine, its containers, each image's verdict, then each finding and its fix, wrapped. */
    static String text(
            EngineAudit.Report report, List<ImageJudgement> images, List<EngineFinding> findings, int width) {
        StringBuilder sb = new StringBuilder();
        sb.append(report.engine())
                .append(' ')
                .append(report.version())
                .append(" at ")
                .append(report.endpoint())
                .append('\n');
        sb.append(report.containers().size()).append(" container(s)\n");
        for (EngineAudit.Container c : report.containers()) {
            sb.append(Wrap.hanging(
                    "  ",
                    c.name() + " (" + c.id().substring(0, Math.min(12, c.id().length())) + ") " + c.state() + ", image "
                            + c.image(),
                    "      ",
                    width));
        }
        if (!images.isEmpty()) {
            sb.append("images\n");
            for (ImageJudgement j : images) {
                String head = j.imageId().substring(0, Math.min(19, j.imageId().length())) + "… ("
                        + String.join(", ", j.containers()) + "): " + j.verdict();
                sb.append(Wrap.hanging("  ", head + (j.error() == null ? "" : ": " + j.error()), "      ", width));
                j.failed()
                        .forEach(o ->
                                sb.append(Wrap.hanging("    failed ", o.id() + ": " + o.message(), "        ", width)));
            }
        }
        sb.append("findings (").append(findings.size()).append(")\n");
        for (EngineFinding f : findings) {
            String head = "  " + f.severity().name().toLowerCase(Locale.ROOT) + " [" + f.id()
                    + (f.cis() == null ? "" : " | CIS " + f.cis()) + "] ";
            sb.append(Wrap.hanging(head, f.object() + ": " + f.message(), "      ", width));
            if (f.fix() != null) {
                sb.append(Wrap.hanging("      fix: ", f.fix(), "        ", width));
            }
        }
        return sb.toString();
    }
}
