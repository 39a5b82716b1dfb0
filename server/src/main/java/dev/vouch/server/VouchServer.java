package dev.vouch.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vouch.policy.Policies;
import dev.vouch.policy.PolicyEngine;
import dev.vouch.server.admission.AdmissionController;
import dev.vouch.server.admission.DigestResolver;
import dev.vouch.server.admission.ImageJudge;
import dev.vouch.server.admission.PolicyRule;
import dev.vouch.server.admission.VerdictCache;
import dev.vouch.server.http.Routes;
import dev.vouch.server.store.ServerStore;
import dev.vouch.server.tls.ReloadingKeyManager;
import dev.vouch.server.work.Clock;
import dev.vouch.server.work.ImageChecker;
import dev.vouch.server.work.Rematcher;
import dev.vouch.server.work.VerdictNotifier;
import dev.vouch.server.work.Workers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running {@code vouch serve}: the listeners (HTTPS for admission, optionally plain HTTP), the store, the workers
 * that take the shared queue, the rematch watch and the certificate reload. {@link #close()} stops it.
 */
public final class VouchServer implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(VouchServer.class.getName());

    private final List<HttpServer> servers = new ArrayList<>();
    private final ServerStore store;
    private final Workers workers;
    private final ExecutorService requestThreads;
    private final ExecutorService checkThreads;
    private final ExecutorService trustThreads;
    private final ScheduledExecutorService timers;

    private VouchServer(
            ServerStore store,
            Workers workers,
            ExecutorService requestThreads,
            ExecutorService checkThreads,
            ExecutorService trustThreads,
            ScheduledExecutorService timers) {
        this.store = store;
        this.workers = workers;
        this.requestThreads = requestThreads;
        this.checkThreads = checkThreads;
        this.trustThreads = trustThreads;
        this.timers = timers;
    }

    public static VouchServer start(ServerSettings s, ImageChecker checker, DigestResolver resolver)
            throws IOException {
        return start(s, checker, resolver, Map.of());
    }

    /** @param trust how each kind of signature an admission rule can require is checked */
    public static VouchServer start(
            ServerSettings s,
            ImageChecker checker,
            DigestResolver resolver,
            Map<PolicyRule.Trust, dev.vouch.server.admission.TagTrust> trust)
            throws IOException {
        // answers go out at once: without TCP_NODELAY a keep-alive client waits for the delayed ACK (40 ms) per answer
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // a client that sends its request slowly (or never finishes it) is cut off instead of holding a thread
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "30");
        }
        // each policy compiles once, before anything opens: a broken one is an error at start, not at the first pod
        Map<String, PolicyEngine> engines = new HashMap<>();
        List<String> policies = new ArrayList<>();
        policies.add(s.admissionPolicies().match("", "").policy());
        s.admissionPolicies().rules().forEach(r -> policies.add(r.policy()));
        if (s.policy() != null) {
            policies.add(s.policy());
        }
        for (String p : policies) {
            if (!p.equals(PolicyRule.ALLOW) && !engines.containsKey(p)) {
                engines.put(p, Policies.load(p));
            }
        }
        ReloadingKeyManager keys = s.https() == null ? null : ReloadingKeyManager.load(s.tlsCert(), s.tlsKey());
        ServerStore store = ServerStore.open(s.store());
        Metrics metrics = new Metrics();
        Clock clock = Clock.SYSTEM;
        // every replica on one database reads a layer once: the others restore what it stored
        dev.vouch.server.store.SharedLayerResults layers = new dev.vouch.server.store.SharedLayerResults(
                store, s.owner(), s.lease().multipliedBy(4), s.layerTtl(), clock, metrics);
        checker = checker.withLayerResults(layers);
        ExecutorService checks = Executors.newFixedThreadPool(s.checkThreads(), named("vouch-check"));
        VerdictCache cache = new VerdictCache(s.cacheTtl().toMillis(), 100_000, clock);
        ImageJudge judge = new ImageJudge(
                store,
                checker,
                resolver,
                cache,
                metrics,
                checks,
                clock,
                s.tagTtl().toMillis(),
                s.owner(),
                engines);
        // signature lookups at admission (Notary, referrers) wait on the network: threads of their own, so they queue
        // neither behind image checks nor on the request threads that wait for them
        ExecutorService trustThreads = Executors.newFixedThreadPool(8, named("vouch-trust"));
        AdmissionController admission = new AdmissionController(
                s.admissionPolicies(), judge, s.failure(), s.admissionTimeout(), metrics, trust, trustThreads);
        Rematcher rematcher = new Rematcher(
                store,
                s.vulnDb(),
                s.policy() == null ? null : engines.get(s.policy()),
                new VerdictNotifier(s.verdictWebhook()),
                metrics,
                clock,
                judge::forget,
                checker);
        Workers workers = new Workers(
                store,
                checker,
                rematcher,
                metrics,
                new Workers.Settings(s.owner(), s.workers(), s.lease(), s.poll(), s.maxAttempts(), s.shutdownGrace()),
                clock,
                judge::forget);
        metrics.gauge("vouch_queue_jobs", "Jobs in the shared queue by state", () -> {
            var out = new java.util.LinkedHashMap<String, Long>();
            store.jobStates().forEach((k, v) -> out.put("state=\"" + k + "\"", v.longValue()));
            return out;
        });
        metrics.gauge(
                "vouch_admission_cache_entries",
                "Judgements held in this replica's cache",
                () -> java.util.Map.of("", (long) cache.size()));
        ExecutorService requests = Executors.newFixedThreadPool(16, named("vouch-http"));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(named("vouch-timer"));
        VouchServer server = new VouchServer(store, workers, requests, checks, trustThreads, timers);
        Routes routes = new Routes(admission, store, resolver, metrics, s.secrets(), s.registryName(), clock);
        try {
            if (s.https() != null) {
                HttpsServer https = HttpsServer.create(s.https(), 256);
                https.setHttpsConfigurator(new HttpsConfigurator(keys.sslContext()));
                server.listen(https, routes, requests);
                timers.scheduleWithFixedDelay(
                        keys::reloadIfChanged,
                        s.tlsReload().toMillis(),
                        s.tlsReload().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            if (s.http() != null) {
                server.listen(HttpServer.create(s.http(), 256), routes, requests);
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        // every replica prunes: the statement is idempotent, and a fleet needs no leader for it
        long prunePeriod = Math.max(1_000, Math.min(s.layerTtl().toMillis() / 2, 3_600_000));
        timers.scheduleWithFixedDelay(
                () -> {
                    try {
                        layers.prune();
                    } catch (RuntimeException e) {
                        LOG.warning("vouch: could not prune stored layer results: " + e.getMessage());
                    }
                },
                prunePeriod,
                prunePeriod,
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(
                () -> {
                    try {
                        judge.refresh();
                    } catch (RuntimeException e) {
                        LOG.warning("vouch: could not look for results other replicas replaced: " + e.getMessage());
                    }
                },
                s.poll().toMillis(),
                s.poll().toMillis(),
                TimeUnit.MILLISECONDS);
        workers.start(s.rematchPoll());
        return server;
    }

    private void listen(HttpServer server, Routes routes, ExecutorService requests) {
        server.createContext("/", routes);
        server.setExecutor(requests);
        server.start();
        servers.add(server);
    }

    /** The addresses listened on, HTTPS first (a port 0 asked for is the port given). */
    public List<InetSocketAddress> addresses() {
        return servers.stream().map(HttpServer::getAddress).toList();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Stops: the listeners (answers under way get a second), then the workers ({@link Workers#stop()}: running checks
     * get their grace, the rest go back to the queue), then the store. Returns how many jobs were given back.
     */
    public int stop() {
        servers.forEach(s -> s.stop(1));
        int given = workers.stop();
        timers.shutdownNow();
        requestThreads.shutdownNow();
        checkThreads.shutdownNow();
        trustThreads.shutdownNow();
        store.close();
        return given;
    }
}
