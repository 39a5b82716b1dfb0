package dev.vouch.server.work;

import dev.vouch.server.Metrics;
import dev.vouch.server.store.Job;
import dev.vouch.server.store.ServerStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The replica's workers: each takes the oldest job from the shared queue, runs it and stores the result; a heartbeat
 * extends the leases of the jobs this replica runs, so that a replica that dies (even by SIGKILL) lets its jobs go
 * when their lease runs out and another replica takes them again. A job is given up after {@code maxAttempts}.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Workers.class.getName());

    /** How the workers run: who they are, how many, how long a lease lasts, how often an idle worker looks. */
    public record Settings(String owner, int threads, Duration lease, Duration poll, int maxAttempts) {}

    private final ServerStore store;
    private final ImageChecker checker;
    private final Rematcher rematcher;
    private final Metrics metrics;
    private final Settings settings;
    private final Clock clock;
    private final Consumer<String> stored;
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "vouch-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;

    /** @param stored told the digest of every result stored (the admission cache forgets what it knew) */
    public Workers(
            ServerStore store,
            ImageChecker checker,
            Rematcher rematcher,
            Metrics metrics,
            Settings settings,
            Clock clock,
            Consumer<String> stored) {
        this.store = store;
        this.checker = checker;
        this.rematcher = rematcher;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.stored = stored;
    }

    public void start(Duration rematchPoll) {
        long beat = Math.max(100, settings.lease().toMillis() / 3);
        timers.scheduleWithFixedDelay(
                () -> {
                    try {
                        store.renew(settings.owner(), settings.lease(), clock.millis());
                    } catch (RuntimeException e) {
                        LOG.warning("vouch: heartbeat failed: " + e.getMessage());
                    }
                },
                beat,
                beat,
                TimeUnit.MILLISECONDS);
        if (rematcher != null) {
            timers.scheduleWithFixedDelay(rematcher::poll, 0, rematchPoll.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < settings.threads(); i++) {
            Thread t = new Thread(this::loop, "vouch-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop() {
        while (running) {
            java.util.Optional<Job> job;
            try {
                job = store.claim(settings.owner(), settings.lease(), settings.maxAttempts(), clock.millis());
            } catch (RuntimeException e) {
                LOG.warning("vouch: could not read the queue: " + e.getMessage());
                job = java.util.Optional.empty();
            }
            if (job.isEmpty()) {
                try {
                    Thread.sleep(settings.poll().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            run(job.get());
        }
    }

    /** Runs one job and records its outcome (done with a result, or failed and queued again). */
    void run(Job job) {
        long t0 = System.nanoTime();
        try {
            if (job.kind().equals(Job.REMATCH)) {
                rematcher.run(job);
                store.finish(job, clock.millis());
                return;
            }
            var known = store.image(job.subject());
            if (known.isPresent() && known.get().checkedAt() >= job.queuedAt()) {
                store.finish(job, clock.millis()); // checked meanwhile (admission asked first)
                return;
            }
            ImageChecker.Checked c = checker.check(job.reference());
            store.finish(
                    job, c.stored(job.subject(), job.reference(), clock.millis(), settings.owner()), clock.millis());
            stored.accept(job.subject());
            metrics.count("vouch_checks_total", "Image checks run", "result=\"ok\"");
            metrics.count(
                    "vouch_verdicts_total",
                    "Verdicts of the checks run",
                    "verdict=\"" + c.report().verdict() + "\"");
        } catch (Exception e) {
            String why = e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).split("\n")[0];
            LOG.warning("vouch: " + job.kind() + " " + job.reference() + " failed (attempt " + job.attempts() + "): "
                    + why);
            metrics.count("vouch_checks_total", "Image checks run", "result=\"error\"");
            try {
                store.fail(job, why, settings.maxAttempts(), clock.millis());
            } catch (RuntimeException again) {
                LOG.warning("vouch: could not record the failure: " + again.getMessage());
            }
        } finally {
            if (job.kind().equals(Job.CHECK)) {
                metrics.observe("vouch_check_duration_seconds", "How long image checks took", System.nanoTime() - t0);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        timers.shutdownNow();
        threads.forEach(Thread::interrupt);
    }
}
