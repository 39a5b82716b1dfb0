package dev.vouch.server.work;

import dev.vouch.check.HtmlModel;
import dev.vouch.check.TrustChecks;
import dev.vouch.check.TrustReport;
import dev.vouch.io.Json;
import dev.vouch.policy.Policies;
import dev.vouch.policy.PolicyEngine;
import dev.vouch.sbom.CycloneDxReader;
import dev.vouch.sbom.Sbom;
import dev.vouch.server.Metrics;
import dev.vouch.server.store.Job;
import dev.vouch.server.store.ServerStore;
import dev.vouch.server.store.StoreException;
import dev.vouch.server.store.StoredImage;
import dev.vouch.server.store.VerdictChange;
import dev.vouch.vuln.ScanResult;
import dev.vouch.vuln.VulnDatabase;
import dev.vouch.vuln.VulnMatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Matches the stored SBOMs again when the advisory data changes ({@code vouch db import} or {@code vouch db update}
 * into the server's database), without reading the images again: each stored report gets the new vulnerabilities,
 * the server's policy decides again, its HTML report is rendered again, and a changed verdict is recorded and sent to
 * the configured URL. Each change of
 * the data becomes one {@code rematch} job (its subject the data's fingerprint), so among replicas one does it.
 */
public final class Rematcher {
    static final String STATE = "advisories";
    private static final Logger LOG = Logger.getLogger(Rematcher.class.getName());

    private final ServerStore store;
    private final Path vulnDb;
    private final PolicyEngine policy;
    private final VerdictNotifier notifier;
    private final Metrics metrics;
    private final Clock clock;
    private final Consumer<String> changed;
    private final ImageChecker renderer;

    /**
     * @param policy the server's default policy, or null (verdicts stay {@code no policy})
     * @param changed told the digest of every image whose verdict changed (the admission cache forgets it)
     * @param renderer renders each stored HTML report again with its new report and vulnerabilities
     */
    public Rematcher(
            ServerStore store,
            Path vulnDb,
            PolicyEngine policy,
            VerdictNotifier notifier,
            Metrics metrics,
            Clock clock,
            Consumer<String> changed,
            ImageChecker renderer) {
        this.store = store;
        this.vulnDb = vulnDb;
        this.policy = policy;
        this.notifier = notifier;
        this.metrics = metrics;
        this.clock = clock;
        this.changed = changed;
        this.renderer = renderer;
    }

    /** A fingerprint of the advisory data (each source's record count, newest record and import time); empty when none. */
    Optional<String> fingerprint() {
        if (vulnDb == null) {
            return Optional.empty();
        }
        return VulnDatabase.sourcesLine(vulnDb).map(line -> {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Queues a rematch when the advisory data is not the data the stored results were last matched against. */
    public void poll() {
        try {
            Optional<String> now = fingerprint();
            if (now.isPresent() && !now.equals(store.state(STATE))) {
                store.enqueue(Job.REMATCH, now.get(), vulnDb.toString(), false, clock.millis());
            }
        } catch (RuntimeException e) {
            LOG.warning("vouch: could not read the advisory database " + vulnDb + ": " + e.getMessage());
        }
    }

    /**
     * Runs a rematch job: every stored result, one at a time. A stored result that cannot be read (its report, SBOM or
     * page broken) is skipped with a warning naming its digest, so one bad row does not hold back the others; a store
     * or advisory database that fails ends the job, to be tried again. Returns how many verdicts changed.
     */
    public int run(Job job) throws IOException {
        int changes = 0;
        try (VulnDatabase db = VulnDatabase.open(vulnDb)) {
            for (String digest : store.digests()) {
                try {
                    changes += rematch(digest, db) ? 1 : 0;
                } catch (StoreException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warning("vouch: rematch: " + digest + " skipped: " + e.getMessage());
                    metrics.count(
                            "vouch_rematch_errors_total", "Stored results a rematch could not read (skipped)", "");
                }
            }
        }
        store.state(STATE, job.subject());
        return changes;
    }

    private static String vulnerabilities(TrustReport r) {
        int n = r.facts().vulnerabilities().size();
        return n + (n == 1 ? " vulnerability" : " vulnerabilities");
    }

    /** Matches one stored result again; true when its verdict changed. */
    private boolean rematch(String digest, VulnDatabase db) throws IOException {
        Optional<StoredImage> stored = store.image(digest);
        if (stored.isEmpty()) {
            return false;
        }
        StoredImage image = stored.get();
        TrustReport old = Json.read(
                image.report().getBytes(StandardCharsets.UTF_8), TrustReport.class, "stored report " + digest);
        Sbom sbom = CycloneDxReader.read(image.sbom().getBytes(StandardCharsets.UTF_8), "stored SBOM " + digest);
        HtmlModel stale = image.page() == null
                ? null
                : Json.read(image.page().getBytes(StandardCharsets.UTF_8), HtmlModel.class, "stored page " + digest);
        ScanResult scan = VulnMatcher.match(sbom, db);
        TrustReport next = TrustChecks.rescanned(old, scan, stale == null ? java.util.Map.of() : stale.lineOfLayer());
        if (policy != null) {
            next = Policies.apply(policy, next);
        }
        long now = clock.millis();
        VerdictChange change = null;
        if (!next.verdict().equals(image.verdict())) {
            change = new VerdictChange(
                    digest,
                    now,
                    image.verdict(),
                    next.verdict(),
                    "advisories changed: " + vulnerabilities(next) + " ("
                            + old.facts().vulnerabilities().size() + " before)");
        }
        String page = null;
        String html = null;
        if (stale != null) {
            HtmlModel model = stale.rematched(next, scan);
            html = renderer.render(model);
            page = html == null ? null : Json.compact().writeValueAsString(model.withoutReport());
        }
        store.rematched(digest, next.verdict(), Json.compact().writeValueAsString(next), html, page, change, now);
        metrics.count("vouch_rematched_images_total", "Stored images matched again against new advisories", "");
        if (change == null) {
            return false;
        }
        metrics.count(
                "vouch_verdict_changes_total",
                "Stored verdicts changed by new advisories",
                "to=\"" + change.newVerdict() + "\"");
        changed.accept(digest);
        notifier.send(change, image.reference());
        return true;
    }
}
