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
 * when their lease runs out and another replica takes them again. A job is given up after {@code maxAttempts}. A
 * replica that is stopped ({@link #close()}, SIGTERM) takes no new job, lets the running ones finish for {@code
 * shutdownGrace}, and gives back those that did not, uncounted, for another replica to take at once.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Workers.class.getName());

    /**
     * How the workers run: who they are, how many, how long a lease lasts, how often an idle worker looks, how often a
     * job is tried, how long running jobs may take to finish when the replica stops.
     */
    public record Settings(
            String owner, int threads, Duration lease, Duration poll, int maxAttempts, Duration shutdownGrace) {}

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
    private volatile boolean released;

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
            if (!running) {
                return; // taken while stopping: close() gives it back
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
            if (released) {
                return; // stopped mid-way: given back, not failed
            }
            metrics.count("vouch_checks_total", "Image checks run", "result=\"error\"");
            try {
                store.fail(job, settings.owner(), why, settings.maxAttempts(), clock.millis());
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
        stop();
    }

    /**
     * Stops: no new job; the running ones get {@code shutdownGrace} to finish (the heartbeat goes on meanwhile); the
     * rest are given back uncounted and their threads interrupted. Returns how many were given back.
     */
    public int stop() {
        running = false;
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        for (Thread t : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        released = true;
        int given = giveBack();
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        given += giveBack(); // a job a worker took while being stopped
        timers.shutdownNow();
        return given;
    }

    private int giveBack() {
        try {
            return store.release(settings.owner(), clock.millis());
        } catch (RuntimeException e) {
            LOG.warning("vouch: stopping: could not give back unfinished jobs (they return when their lease runs out): "
                    + e.getMessage());
            return 0;
        }
    }
}
