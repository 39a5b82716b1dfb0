package dev.vouch.server.admission;

import dev.vouch.check.TrustReport;
import dev.vouch.image.ImageRef;
import dev.vouch.io.Json;
import dev.vouch.policy.Policies;
import dev.vouch.policy.PolicyEngine;
import dev.vouch.server.Metrics;
import dev.vouch.server.store.ServerStore;
import dev.vouch.server.store.StoredImage;
import dev.vouch.server.work.Clock;
import dev.vouch.server.work.ImageChecker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Judges an image for admission: the tag resolved to a digest (remembered for a short TTL), the digest's stored
 * result (or a check now, one at a time per digest however many pods ask), the namespace's policy applied to it, the
 * judgement cached by digest and policy. The policies come compiled (by name), so a broken one is an error at start.
 */
public final class ImageJudge {
    private record Resolved(String digest, long expires) {}

    private final ServerStore store;
    private final ImageChecker checker;
    private final DigestResolver resolver;
    private final VerdictCache cache;
    private final Metrics metrics;
    private final ExecutorService pool;
    private final Clock clock;
    private final long tagTtlMillis;
    private final String owner;
    private final Map<String, Resolved> tags = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<StoredImage>> checking = new ConcurrentHashMap<>();
    private final Map<String, PolicyEngine> engines;
    private volatile long lastRefresh;

    /** How far back {@link #refresh()} looks beyond its last look: replicas' clocks may disagree by this much. */
    static final long REFRESH_MARGIN_MILLIS = 120_000;

    public ImageJudge(
            ServerStore store,
            ImageChecker checker,
            DigestResolver resolver,
            VerdictCache cache,
            Metrics metrics,
            ExecutorService pool,
            Clock clock,
            long tagTtlMillis,
            String owner,
            Map<String, PolicyEngine> engines) {
        this.store = store;
        this.checker = checker;
        this.resolver = resolver;
        this.cache = cache;
        this.metrics = metrics;
        this.pool = pool;
        this.clock = clock;
        this.tagTtlMillis = tagTtlMillis;
        this.owner = owner;
        this.engines = Map.copyOf(engines);
    }

    /** The judgement if the tag's digest and the verdict are both remembered; null when work is needed. */
    public Judgement known(String image, String policy) {
        String digest = knownDigest(image);
        Judgement j = digest == null ? null : cache.get(digest, policy);
        metrics.count(
                "vouch_admission_cache_total",
                "Admission judgements answered from the cache (hit) or not (miss)",
                j == null ? "result=\"miss\"" : "result=\"hit\"");
        return j;
    }

    private String knownDigest(String image) {
        ImageRef ref = ImageRef.parse(image);
        if (ref.digest() != null) {
            return ref.digest().toString();
        }
        Resolved r = tags.get(image);
        return r != null && r.expires() > clock.millis() ? r.digest() : null;
    }

    /** Resolves, reads or checks, and judges, on the pool. */
    public CompletableFuture<Judgement> judge(String image, String policy) {
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return digest(image);
                            } catch (Exception e) {
                                throw new NotJudged("could not resolve its digest: " + oneLine(e), e);
                            }
                        },
                        pool)
                .thenCompose(digest -> {
                    Judgement j = cache.get(digest, policy);
                    if (j != null) {
                        return CompletableFuture.completedFuture(j);
                    }
                    return result(image, digest).thenApply(stored -> evaluate(stored, digest, policy));
                });
    }

    private String digest(String image) throws Exception {
        String known = knownDigest(image);
        if (known != null) {
            return known;
        }
        String d = resolver.digest(image);
        tags.put(image, new Resolved(d, clock.millis() + tagTtlMillis));
        if (tags.size() > 100_000) {
            tags.clear();
        }
        return d;
    }

    /**
     * The stored result of a digest, or a check of it now (shared by every request that asks meanwhile). Only work
     * under way is shared: a finished one may still be in the map (its removal runs after the callers' stages), and
     * the stored result may have been replaced since, so it is read again.
     */
    private CompletableFuture<StoredImage> result(String image, String digest) {
        CompletableFuture<StoredImage> shared = checking.compute(digest, (d, underWay) -> {
            if (underWay != null && !underWay.isDone()) {
                return underWay;
            }
            return CompletableFuture.supplyAsync(
                    () -> {
                        var stored = store.image(d);
                        if (stored.isPresent()) {
                            return stored.get();
                        }
                        ImageRef ref = ImageRef.parse(image);
                        String pinned = ref.domain() + "/" + ref.path() + "@" + d;
                        long t0 = System.nanoTime();
                        ImageChecker.Checked c;
                        try {
                            c = checker.check(pinned);
                        } catch (Exception e) {
                            metrics.count("vouch_checks_total", "Image checks run", "result=\"error\"");
                            throw new NotJudged("the check failed: " + oneLine(e), e);
                        } finally {
                            metrics.observe(
                                    "vouch_check_duration_seconds",
                                    "How long image checks took",
                                    System.nanoTime() - t0);
                        }
                        metrics.count("vouch_checks_total", "Image checks run", "result=\"ok\"");
                        StoredImage s = c.stored(d, pinned, clock.millis(), owner);
                        store.put(s);
                        return s;
                    },
                    pool);
        });
        // outside compute: a future already done runs this at once, and the map cannot change inside compute
        shared.whenComplete((s, e) -> checking.remove(digest, shared));
        return shared;
    }

    private Judgement evaluate(StoredImage stored, String digest, String policy) {
        TrustReport report = Json.read(
                stored.report().getBytes(StandardCharsets.UTF_8), TrustReport.class, "stored report " + digest);
        PolicyEngine engine = engines.get(policy);
        if (engine == null) {
            throw new NotJudged("policy " + policy + " was not compiled at start", null);
        }
        TrustReport judged = Policies.apply(engine, report);
        List<String> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (judged.verdict().equals("integrity failed")) {
            denials.add("integrity failed");
        }
        for (TrustReport.RuleOutcome o : judged.policy()) {
            if (!o.passed()) {
                (o.severity().equals("deny") ? denials : warnings).add(o.id() + ": " + o.message());
            }
        }
        Judgement j = new Judgement(digest, policy, judged.verdict(), denials, warnings, stored.version());
        cache.put(j);
        return j;
    }

    /** Forgets what is known of a digest (its stored result was replaced). */
    public void forget(String digest) {
        cache.forget(digest);
    }

    /**
     * Forgets the judgements of results that another replica replaced (checked again, or matched again against new
     * advisories): every stored result changed since the last look, less a margin for clocks that disagree, whose
     * version is newer than the one judged. Run every poll interval, so a replica's cache trails the shared store by
     * at most that interval, not by the cache's TTL.
     */
    public void refresh() {
        long now = clock.millis();
        long since = lastRefresh == 0 ? now - REFRESH_MARGIN_MILLIS : lastRefresh - REFRESH_MARGIN_MILLIS;
        store.versionsSince(since).forEach(cache::forgetOlder);
        lastRefresh = now;
    }

    /** The first line of what went wrong, under the wrappers futures add. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                        || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).split("\n")[0];
    }

    /** An image that could not be judged, and why (the failure policy decides). */
    public static final class NotJudged extends RuntimeException {
        public NotJudged(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
