package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.server.ServerSettings;
import dev.vouch.server.VouchServer;
import dev.vouch.server.admission.AdmissionMode;
import dev.vouch.server.admission.DigestResolver;
import dev.vouch.server.admission.FailurePolicy;
import dev.vouch.server.admission.PodCheckMode;
import dev.vouch.server.admission.PolicyMap;
import dev.vouch.server.admission.PolicyRule;
import dev.vouch.server.http.Routes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vouch serve}: the admission webhook, the registry's notification receiver, the queue and the API. */
@Command(
        name = "serve",
        description = "Run the server (docs/serve.md): a Kubernetes admission webhook (POST /validate, /mutate over"
                + " HTTPS) that admits only images that pass the policy, pinned to the digest that was judged; a"
                + " receiver for the registry's push notifications (POST /events) that checks every pushed image; the"
                + " stored results (GET /api/images/DIGEST), matched again when the advisories change; /metrics, a"
                + " web page. Replicas share one PostgreSQL database (--db postgresql://…).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--https", paramLabel = "HOST:PORT", description = "Listen for HTTPS (admission) here.")
    String https;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "The server's certificate chain (PEM).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The server's private key (PEM, unencrypted).")
    Path tlsKey;

    @Option(
            names = "--tls-reload",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How often the certificate and key files are looked at for a change (default 10s).")
    Duration tlsReload;

    @Option(
            names = "--http",
            paramLabel = "HOST:PORT",
            description = "Also listen for plain HTTP here (registry notifications, API, metrics; not for admission).")
    String http;

    @Option(
            names = "--db",
            paramLabel = "URL|FILE",
            description = "The server's store: postgresql://USER:PASSWORD@HOST:PORT/DATABASE for replicas, or an"
                    + " SQLite file (default: server.sqlite in the cache directory).")
    String db;

    @Option(
            names = "--vuln-db",
            paramLabel = "FILE",
            description = "The advisory database checks use and the server watches for changes (default: the cache"
                    + " directory's osv.sqlite, as vouch db writes it).")
    Path vulnDb;

    @Option(
            names = "--policy",
            paramLabel = "baseline|strict|FILE",
            defaultValue = "baseline",
            description =
                    "The policy of stored verdicts and of admission where no rule says otherwise (default: baseline).")
    String policy;

    @Option(
            names = "--admission-config",
            paramLabel = "FILE",
            description = "Which policy, mode and pod checks apply to which namespaces and images (docs/serve.md).")
    Path admissionConfig;

    @Option(
            names = "--mode",
            paramLabel = "enforce|warn",
            defaultValue = "enforce",
            description = "enforce (deny) or warn (admit and report what would be denied); default: enforce.")
    String mode;

    @Option(
            names = "--pod-checks",
            paramLabel = "deny|warn|off",
            defaultValue = "warn",
            description = "The pod-spec checks K8S001-K8S009 at admission: deny on a high finding, warn, or off"
                    + " (default: warn).")
    String podChecks;

    @Option(
            names = "--failure-policy",
            paramLabel = "closed|open",
            defaultValue = "closed",
            description =
                    "When an image cannot be judged in time: closed denies (default), open admits with a warning.")
    String failurePolicy;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "8s",
            converter = DurationConverter.class,
            description = "How long admission waits for an image that is not known yet (default 8s; keep it under the"
                    + " webhook's timeoutSeconds).")
    Duration timeout;

    @Option(
            names = "--cache-ttl",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "How long a judgement is kept per digest and policy (default 10m).")
    Duration cacheTtl;

    @Option(
            names = "--tag-ttl",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long a tag's digest is kept before the registry is asked again (default 30s).")
    Duration tagTtl;

    @Option(names = "--workers", defaultValue = "2", description = "Queue workers of this replica (default 2).")
    int workers;

    @Option(
            names = "--check-threads",
            defaultValue = "2",
            description = "Threads for checks admission waits for (default 2).")
    int checkThreads;

    @Option(
            names = "--lease",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long a job stays with a replica that stopped renewing it (default 60s).")
    Duration lease;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            defaultValue = "500ms",
            converter = DurationConverter.class,
            description = "How often an idle worker looks at the queue, and the replica for results other replicas"
                    + " replaced (default 500ms).")
    Duration poll;

    @Option(
            names = "--rematch-interval",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How often the advisory database is looked at for new data (default 60s).")
    Duration rematchInterval;

    @Option(names = "--max-attempts", defaultValue = "3", description = "Attempts per job before it fails (default 3).")
    int maxAttempts;

    @Option(
            names = "--shutdown-grace",
            paramLabel = "DURATION",
            defaultValue = "20s",
            converter = DurationConverter.class,
            description = "When stopped (SIGTERM), how long running checks may take to finish before they are given"
                    + " back to the queue for another replica (default 20s; keep it below the pod's"
                    + " terminationGracePeriodSeconds).")
    Duration shutdownGrace;

    @Option(
            names = "--layer-ttl",
            paramLabel = "DURATION",
            defaultValue = "720h",
            converter = DurationConverter.class,
            description = "How long a layer's stored results are kept in the database after any replica last used"
                    + " them (default 720h, 30 days); records of an older vouch build age out the same way.")
    Duration layerTtl;

    @Option(
            names = "--replica-name",
            paramLabel = "NAME",
            description = "This replica's name in the queue (default: host name and process id).")
    String replicaName;

    @Option(
            names = "--notify-token-file",
            paramLabel = "FILE",
            description = "A file holding the shared secret the registry sends as 'Authorization: Bearer SECRET'.")
    Path notifyTokenFile;

    @Option(
            names = "--api-token-file",
            paramLabel = "FILE",
            description = "A file holding the token POST /api/check needs as 'Authorization: Bearer TOKEN'.")
    Path apiTokenFile;

    @Option(
            names = "--registry-name",
            paramLabel = "HOST[:PORT]",
            description = "How to reach the registry whose notifications arrive (default: the address in each event).")
    String registryName;

    @Option(
            names = "--verdict-webhook",
            paramLabel = "URL",
            description = "POSTed a JSON message whenever new advisories change a stored verdict.")
    URI verdictWebhook;

    @Option(names = "--key", paramLabel = "FILE", description = "A public key signatures are checked with; repeatable.")
    List<String> keys = new ArrayList<>();

    @Mixin
    IdentityFlags keyless;

    @Mixin
    DctFlags dct;

    @Mixin
    NotationFlags notation;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Main.Context context = Main.Context.of(spec);
        if (https == null && http == null) {
            throw new InvalidInputException(
                    "give --https HOST:PORT (with --tls-cert and --tls-key), --http HOST:PORT," + " or both");
        }
        if (https != null && (tlsCert == null || tlsKey == null)) {
            throw new InvalidInputException("--https needs --tls-cert FILE and --tls-key FILE");
        }
        Path cache = RegistryFlags.defaultCacheDir(context.env());
        String store = db != null
                ? db
                : cache == null ? null : cache.resolve("server.sqlite").toString();
        Path advisories = vulnDb != null ? vulnDb : cache == null ? null : cache.resolve("osv.sqlite");
        if (store == null) {
            throw new InvalidInputException("no cache directory for the server's store: set HOME or give --db");
        }
        PolicyRule defaults = new PolicyRule(
                List.of(),
                List.of(),
                policy,
                PolicyMap.parse(AdmissionMode.class, mode, "--mode"),
                PolicyMap.parse(PodCheckMode.class, podChecks, "--pod-checks"),
                dct.enabled(context)
                        ? PolicyRule.Trust.DCT
                        : notation.notation ? PolicyRule.Trust.NOTATION : PolicyRule.Trust.NONE);
        PolicyMap map = admissionConfig == null
                ? new PolicyMap(List.of(), defaults)
                : PolicyMap.read(
                        dev.vouch.io.BoundedReads.readFile(admissionConfig, 1 << 20),
                        admissionConfig.toString(),
                        defaults);
        RegistryOptions registryOptions = registry.build(context);
        Path keylessRoot = keyless.given() ? keyless.trustedRoot(context) : null;
        // each check: vouch check's pipeline with the server's keys, identities, registry access, advisories and
        // default policy
        dev.vouch.policy.PolicyEngine defaultPolicy = dev.vouch.policy.Policies.load(policy);
        List<dev.vouch.sign.SignatureVerifier.NamedKey> named = new ArrayList<>();
        for (String k : keys) {
            named.add(KeyFiles.publicKey(k));
        }
        Path checkDb = advisories != null ? advisories : new DbOption().file(context);
        java.util.function.Function<String, dev.vouch.api.CheckRequest> requests = reference -> {
            dev.vouch.api.CheckRequest.Builder b = dev.vouch.api.CheckRequest.builder(reference)
                    .registry(registryOptions)
                    .vulnerabilityDatabase(checkDb)
                    .policy(defaultPolicy);
            named.forEach(b::key);
            if (keyless.given()) {
                b.keyless(keyless.policy(), keylessRoot);
            }
            return b.build();
        };
        DigestResolver resolver = image -> {
            ImageRef ref = ImageRef.parse(image);
            return References.digest(RegistryClient.forRepository(ref, registryOptions), ref)
                    .toString();
        };
        String owner = replicaName != null
                ? replicaName
                : java.net.InetAddress.getLocalHost().getHostName() + "-"
                        + ProcessHandle.current().pid();
        ServerSettings settings = new ServerSettings(
                https == null ? null : address(https, "--https"),
                tlsCert,
                tlsKey,
                tlsReload,
                http == null ? null : address(http, "--http"),
                store,
                advisories,
                policy,
                map,
                PolicyMap.parse(FailurePolicy.class, failurePolicy, "--failure-policy"),
                timeout,
                cacheTtl,
                tagTtl,
                positive(workers, "--workers"),
                positive(checkThreads, "--check-threads"),
                lease,
                poll,
                rematchInterval,
                positive(maxAttempts, "--max-attempts"),
                owner,
                new Routes.Secrets(secret(notifyTokenFile), secret(apiTokenFile)),
                registryName,
                verdictWebhook,
                shutdownGrace,
                atLeastASecond(layerTtl, "--layer-ttl"));
        Terminal.serving(); // checks side by side, stderr a log: no progress bars
        // the signatures rules may require: Docker Content Trust (--dct for every namespace, or trust: dct in a rule)
        // and Notation (--notation, or trust: notation, with Notation's trust policy and store)
        java.util.Map<PolicyRule.Trust, dev.vouch.server.admission.TagTrust> trust = new java.util.HashMap<>();
        trust.put(
                PolicyRule.Trust.DCT,
                new dev.vouch.server.admission.NotaryTagTrust(
                        registryOptions, dct.options(context, registryOptions), 60_000, System::currentTimeMillis));
        if (notation.notation || map.rules().stream().anyMatch(r -> r.trust() == PolicyRule.Trust.NOTATION)) {
            trust.put(
                    PolicyRule.Trust.NOTATION,
                    new dev.vouch.server.admission.NotationImageTrust(
                            registryOptions,
                            new dev.vouch.sign.notation.NotationTrust(
                                    notation.policy(context), notation.store(context))));
        }
        VouchServer server =
                VouchServer.start(settings, new dev.vouch.server.work.PipelineChecker(requests), resolver, trust);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int given = server.stop();
            System.err.println("vouch serve: stopped"
                    + (given == 0 ? "" : "; gave back " + given + " unfinished job(s) to the queue"));
            stopped.countDown();
        }));
        List<String> where = new ArrayList<>();
        var addresses = server.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            boolean tls = i == 0 && https != null;
            where.add((tls ? "https://" : "http://") + addresses.get(i).getHostString() + ":"
                    + addresses.get(i).getPort());
        }
        var out = spec.commandLine().getOut();
        out.println("vouch serve: listening on " + String.join(" and ", where) + "; store "
                + store.replaceAll("//[^@/]*@", "//")
                + "; replica " + owner);
        out.flush();
        stopped.await();
        return Main.OK;
    }

    private static InetSocketAddress address(String hostPort, String option) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new InvalidInputException(option + ": give HOST:PORT");
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(hostPort.substring(0, colon).replaceAll("^\\[|\\]$", ""), port);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + ": " + hostPort.substring(colon + 1) + " is not a port");
        }
    }

    private static Duration atLeastASecond(Duration d, String option) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidInputException(option + ": give a duration of at least 1s");
        }
        return d;
    }

    private static int positive(int n, String option) {
        if (n < 1 || n > 256) {
            throw new InvalidInputException(option + ": give a number from 1 to 256");
        }
        return n;
    }

    private static String secret(Path file) throws IOException {
        if (file == null) {
            return null;
        }
        String s = new String(dev.vouch.io.BoundedReads.readFile(file, 4096), StandardCharsets.UTF_8).strip();
        if (s.isEmpty() || s.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new InvalidInputException(file + ": the secret must be one line of printable characters");
        }
        return s;
    }
}
