package dev.vouch.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's semantics on SQLite (PostgreSQL runs the same statements in ServeCommandTest's replica test). */
class ServerStoreTest {
    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);
    static final Duration LEASE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    ServerStore store;

    @BeforeEach
    void open() {
        store = ServerStore.open(dir.resolve("s.sqlite").toString());
    }

    @AfterEach
    void close() {
        store.close();
    }

    static StoredImage image(String digest, String verdict) {
        return new StoredImage(digest, "r/x@" + digest, verdict, "{}", "{}", "<html>", null, 5, "a", 0);
    }

    @Test
    void aJobIsTakenOnceUntilItsLeaseRunsOutThenByAnotherReplica() {
        assertThat(store.enqueue(Job.CHECK, D1, "r/x@" + D1, false, 1)).isTrue();
        assertThat(store.enqueue(Job.CHECK, D1, "r/x@" + D1, false, 2)).isFalse(); // a second push of the digest
        Job a = store.claim("a", LEASE, 3, 100).orElseThrow();
        assertThat(a).isEqualTo(new Job(Job.CHECK, D1, "r/x@" + D1, 1, 1));
        assertThat(store.claim("b", LEASE, 3, 200)).isEmpty(); // a holds it
        assertThat(store.renew("a", LEASE, 5_000)).isEqualTo(1); // heartbeat: now held until 15 000
        assertThat(store.claim("b", LEASE, 3, 12_000)).isEmpty();
        // a stops renewing (killed): after the lease b takes it, attempt 2
        Job b = store.claim("b", LEASE, 3, 15_001).orElseThrow();
        assertThat(b.attempts()).isEqualTo(2);
        store.finish(b, image(D1, "pass"), 16_000);
        assertThat(store.job(Job.CHECK, D1).orElseThrow()[0]).isEqualTo("done");
        assertThat(store.image(D1).orElseThrow().verdict()).isEqualTo("pass");
        assertThat(store.claim("a", LEASE, 3, 100_000)).isEmpty();
        // pushed again: nothing to do; asked again (POST /api/check): queued again
        assertThat(store.enqueue(Job.CHECK, D1, "r/x@" + D1, false, 17_000)).isFalse();
        assertThat(store.enqueue(Job.CHECK, D1, "r/y@" + D1, true, 17_000)).isTrue();
        assertThat(store.claim("a", LEASE, 3, 18_000).orElseThrow().reference()).isEqualTo("r/y@" + D1);
    }

    @Test
    void oldestFirstAndFailuresRetriedUntilTheLastAttempt() {
        store.enqueue(Job.CHECK, D2, "r/x@" + D2, false, 20);
        store.enqueue(Job.CHECK, D1, "r/x@" + D1, false, 10);
        Job first = store.claim("a", LEASE, 2, 100).orElseThrow();
        assertThat(first.subject()).isEqualTo(D1);
        store.fail(first, "b", "registry away", 2, 101); // not b's job: nothing changes
        assertThat(store.job(Job.CHECK, D1).orElseThrow()).containsExactly("running", "1", null);
        store.fail(first, "a", "registry away", 2, 101);
        assertThat(store.job(Job.CHECK, D1).orElseThrow()).containsExactly("queued", "1", "registry away");
        assertThat(store.claim("a", LEASE, 2, 102).orElseThrow().subject()).isEqualTo(D1);
        store.fail(new Job(Job.CHECK, D1, "r/x@" + D1, 2, 10), "a", "registry away", 2, 103);
        assertThat(store.job(Job.CHECK, D1).orElseThrow()).containsExactly("failed", "2", "registry away");
        assertThat(store.jobStates()).containsEntry("failed", 1).containsEntry("queued", 1);
    }

    @Test
    void aStoppedReplicaGivesItsJobsBackWithoutCountingTheAttempt() {
        store.enqueue(Job.CHECK, D1, "r/x@" + D1, false, 1);
        store.enqueue(Job.CHECK, D2, "r/x@" + D2, false, 2);
        store.claim("a", LEASE, 3, 10).orElseThrow();
        store.claim("b", LEASE, 3, 11).orElseThrow();
        assertThat(store.release("a", 20)).isEqualTo(1);
        assertThat(store.job(Job.CHECK, D1).orElseThrow()).containsExactly("queued", "0", null);
        assertThat(store.job(Job.CHECK, D2).orElseThrow()).containsExactly("running", "1", null); // b's stays b's
        // taken at once by c, long before a's lease would have run out, as its first attempt
        Job c = store.claim("c", LEASE, 3, 21).orElseThrow();
        assertThat(c.subject()).isEqualTo(D1);
        assertThat(c.attempts()).isEqualTo(1);
        assertThat(store.release("a", 22)).isZero();
    }

    @Test
    void aJobWhoseReplicasKeepDyingIsGivenUp() {
        store.enqueue(Job.CHECK, D1, "r/x@" + D1, false, 1);
        store.claim("a", LEASE, 2, 10).orElseThrow();
        store.claim("b", LEASE, 2, 10_011).orElseThrow(); // a died
        assertThat(store.claim("c", LEASE, 2, 20_012)).isEmpty(); // b died too: given up, not taken a third time
        assertThat(store.job(Job.CHECK, D1).orElseThrow()[0]).isEqualTo("failed");
        assertThat(store.job(Job.CHECK, D1).orElseThrow()[2]).contains("given up after 2 attempts");
    }

    @Test
    void resultsByRepositoryAndVerdictChanges() {
        store.put(image(D1, "pass"));
        store.put(image(D2, "fail"));
        store.put(image(D2, "fail")); // replaced, still one
        store.seen("reg:5000/app", D1, "1", 1);
        store.seen("reg:5000/app", D1, null, 2); // pushed again by digest: the tag stays
        store.seen("reg:5000/other", D2, "x", 3);
        assertThat(store.images("reg:5000/app", 10))
                .extracting(ImageSummary::digest)
                .containsExactly(D1);
        assertThat(store.images(null, 10)).hasSize(2);
        assertThat(store.digests()).containsExactly(D1, D2);
        store.rematched(
                D1,
                "fail",
                "{\"v\":2}",
                null,
                null,
                new VerdictChange(D1, 50, "pass", "fail", "advisories changed"),
                50);
        store.rematched(D2, "fail", "{\"v\":2}", null, null, null, 50);
        assertThat(store.image(D1).orElseThrow().report()).isEqualTo("{\"v\":2}");
        assertThat(store.image(D1).orElseThrow().rematchedAt()).isEqualTo(50);
        assertThat(store.changes(D1)).containsExactly(new VerdictChange(D1, 50, "pass", "fail", "advisories changed"));
        assertThat(store.changes(D2)).isEmpty();
        store.state("advisories", "abc");
        store.state("advisories", "def");
        assertThat(store.state("advisories")).contains("def");
        assertThat(store.healthy()).isTrue();
    }

    @Test
    void badLocationsAreOneLineErrors() throws Exception {
        Path notDb = dir.resolve("text.sqlite");
        Files.writeString(notDb, "this is not a database, only text that is long enough to be read as a header");
        assertThatThrownBy(() -> ServerStore.open(notDb.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("text.sqlite: not a usable vouch server database");
        assertThatThrownBy(() -> ServerStore.open("postgresql://host-only"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--db: give postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE");
    }
}
