package dev.vouch.server.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.server.Metrics;
import dev.vouch.server.TestReports;
import dev.vouch.server.store.Job;
import dev.vouch.server.store.ServerStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica being stopped: its running check may finish within the grace period; one that does not is given back to
 * the queue uncounted, and no new job is taken meanwhile.
 */
class WorkersShutdownTest {
    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);
    static final Duration LEASE = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    ServerStore store;
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch proceed = new CountDownLatch(1);

    @BeforeEach
    void open() {
        store = ServerStore.open(dir.resolve("s.sqlite").toString());
        store.enqueue(Job.CHECK, D1, "r/x@" + D1, false, 1);
        store.enqueue(Job.CHECK, D2, "r/x@" + D2, false, 2);
    }

    @AfterEach
    void close() {
        proceed.countDown();
        store.close();
    }

    Workers workers(Duration grace) {
        ImageChecker slow = ref -> {
            started.countDown();
            proceed.await(); // interrupted when given back
            String digest = ref.substring(ref.indexOf('@') + 1);
            return new ImageChecker.Checked(TestReports.report(digest, false), "{}", "<html>", null);
        };
        Workers w = new Workers(
                store,
                slow,
                null,
                new Metrics(),
                new Workers.Settings("a", 1, LEASE, Duration.ofMillis(20), 3, grace),
                Clock.SYSTEM,
                d -> {});
        w.start(Duration.ofMinutes(1));
        return w;
    }

    @Test
    void aCheckThatFinishesWithinTheGraceIsStoredAndNoNewJobIsTaken() throws Exception {
        Workers w = workers(Duration.ofSeconds(30));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread stopping = new Thread(w::close);
        stopping.start();
        stopping.join(300);
        assertThat(stopping.isAlive()).as("close waits for the running check").isTrue();
        assertThat(store.job(Job.CHECK, D1).orElseThrow()).containsExactly("running", "1", null);
        proceed.countDown();
        stopping.join(10_000);
        assertThat(stopping.isAlive()).isFalse();
        assertThat(store.job(Job.CHECK, D1).orElseThrow()).containsExactly("done", "1", null);
        assertThat(store.image(D1)).isPresent();
        assertThat(store.job(Job.CHECK, D2).orElseThrow()).containsExactly("queued", "0", null);
    }

    @Test
    void aCheckThatDoesNotFinishIsGivenBackUncountedAndUnfailed() throws Exception {
        Workers w = workers(Duration.ofMillis(200));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        w.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(store.job(Job.CHECK, D1).orElseThrow()).containsExactly("queued", "0", null);
        assertThat(store.image(D1)).isEmpty();
        assertThat(store.job(Job.CHECK, D2).orElseThrow()).containsExactly("queued", "0", null);
        // another replica takes it at once (the lease is ten minutes), as its first attempt
        Job next = store.claim("b", LEASE, 3, System.currentTimeMillis()).orElseThrow();
        assertThat(next.subject()).isEqualTo(D1);
        assertThat(next.attempts()).isEqualTo(1);
    }
}
