package dev.vouch.cli;

import dev.vouch.api.CheckRequest;
import dev.vouch.api.CheckResult;
import dev.vouch.api.Vouch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vouch check}: every check that applies, one trust report. */
@Command(
        name = "check",
        description = "One trust report for an image: is it what you asked for (digest, tag, look-alike name,"
                + " signatures, lock), who made it (registry, provenance, base image), how it was built (the"
                + " Dockerfile audit and its reconciliation with the history, or the history audited), what is inside"
                + " (packages, vulnerabilities, secrets, setuid files, shells), what it will run as; then the review"
                + " queue and the verdict. Checks that cannot run say so.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ImageOptions options;

    enum Format {
        text,
        json,
        sarif,
        html,
        cyclonedx
    }

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description =
                    "text, json, sarif, html (one self-contained file) or cyclonedx (the SBOM with its vulnerabilities); default: text.")
    Format format;

    @Mixin
    BuildOptions build;

    @Option(names = "--key", paramLabel = "FILE", description = "A public key signatures must verify with; repeatable.")
    List<String> keys = new ArrayList<>();

    @Mixin
    IdentityFlags keyless;

    @Mixin
    DctFlags dct;

    @Mixin
    NotationFlags notation;

    @Option(names = "--lock", paramLabel = "FILE", description = "A lock file (vouch lock) the tag must still match.")
    Path lock;

    @Mixin
    DbOption db;

    @Option(
            names = "--osv",
            paramLabel = "PATH",
            description = "OSV records (a directory or all.zip) to check against for this run only, in a temporary"
                    + " database, instead of --db: for a demo or a one-off data set.")
    List<Path> osv = new ArrayList<>();

    @Option(
            names = "--policy",
            paramLabel = "baseline|strict|FILE|none",
            defaultValue = "baseline",
            description =
                    "Decide with a policy: exit 1 when a deny rule does not hold (default: baseline; none gives the"
                            + " evidence without a verdict; see docs/policy.md).")
    String policy;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report here (atomically).")
    Path outputFile;

    @Option(
            names = "--verbose",
            description =
                    "Every finding of every section (otherwise at most 8 per section) and the whole review queue.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /** Colour only on a terminal, and never with NO_COLOR set (https://no-color.org). */
    private boolean colour(Main.Context context) {
        return outputFile == null && System.console() != null && !context.env().containsKey("NO_COLOR");
    }

    @Override
    public Integer call() throws Exception {
        Main.Context context = Main.Context.of(spec);
        CheckResult result = Vouch.check(request(context));
        String rendered = switch (format) {
            case json -> result.json();
            case sarif -> result.sarif();
            case html -> result.html();
            case cyclonedx -> {
                // the SBOM with the vulnerabilities (none when there was no database: said on stderr)
                if (result.scan() == null) {
                    spec.commandLine().getErr().println("vouch: warning: " + result.noScan());
                }
                yield result.cycloneDxWithVulnerabilities() + "\n";
            }
            case text -> result.text(verbose, colour(context), outputFile == null ? Terminal.width(context) : 100);
        };
        if (outputFile != null) {
            AtomicFiles.write(outputFile, rendered);
        } else {
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
        }
        return result.failed() ? Main.CHECK_FAILED : Main.OK;
    }

    /** The request the options describe; files are read and checked here, before anything is downloaded. */
    private CheckRequest request(Main.Context context) throws java.io.IOException {
        // a broken policy is an error before any work
        dev.vouch.policy.PolicyEngine engine =
                policy == null || policy.equals("none") ? null : dev.vouch.policy.Policies.load(policy);
        CheckRequest.Builder request = CheckRequest.builder(options.image).policy(engine);
        if (build.dockerfile != null) {
            String name = build.dockerfile.equals("-") ? "<stdin>" : build.dockerfile;
            request.dockerfile(name, DockerfileInput.read(build.dockerfile, context.stdin()));
        }
        request.buildArgs(DockerfileInput.buildArgs(build.buildArgs))
                .target(build.target)
                .base(build.base);
        for (String k : keys) {
            request.key(KeyFiles.publicKey(k));
        }
        if (keyless.given()) {
            request.keyless(keyless.policy(), keyless.trustedRoot(context));
        }
        request.lock(lock);
        if (osv.isEmpty()) {
            request.vulnerabilityDatabase(db.file(context));
        } else {
            osv.forEach(request::osv);
        }
        options.warnLookAlike();
        dev.vouch.registry.RegistryOptions registry = options.registry.build(context);
        if (dct.enabled(context)) {
            request.contentTrust(dct.options(context, registry));
        }
        if (notation.notation) {
            request.notation(
                    new dev.vouch.sign.notation.NotationTrust(notation.policy(context), notation.store(context)));
        }
        return request.platform(options.platform())
                .registry(registry)
                .progress(CliProgress.INSTANCE)
                .build();
    }
}
