package dev.vouch.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.io.Json;
import dev.vouch.policy.Policies;
import dev.vouch.server.Metrics;
import dev.vouch.server.TestReports;
import dev.vouch.server.store.ServerStore;
import dev.vouch.server.work.Clock;
import dev.vouch.server.work.ImageChecker;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas' judges on one store: when one replica's stored result is replaced (matched again against new
 * advisories), the other forgets its cached judgement at its next refresh instead of keeping it for the cache's TTL.
 */
class ImageJudgeRefreshTest {
    static final String IMAGE = "registry.example/app:1";
    static final String DIGEST = AdmissionControllerTest.GOOD;

    @TempDir
    Path dir;

    ServerStore store;
    ExecutorService pool;
    final AtomicInteger checks = new AtomicInteger();

    @BeforeEach
    void open() {
        store = ServerStore.open(dir.resolve("s.sqlite").toString());
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        store.close();
    }

    ImageJudge replica(String name) throws Exception {
        ImageChecker checker = ref -> {
            checks.incrementAndGet();
            return new ImageChecker.Checked(TestReports.report(DIGEST, false), "{}", "<html></html>", null);
        };
        return new ImageJudge(
                store,
                checker,
                image -> DIGEST,
                new VerdictCache(3_600_000, 1000, Clock.SYSTEM),
                new Metrics(),
                pool,
                Clock.SYSTEM,
                3_600_000,
                name,
                Map.of("baseline", Policies.load("baseline")));
    }

    @Test
    void aResultReplacedElsewhereIsJudgedAgainAfterTheNextRefresh() throws Exception {
        ImageJudge a = replica("a");
        ImageJudge b = replica("b");
        assertThat(a.judge(IMAGE, "baseline").get().denied()).isFalse();
        assertThat(b.judge(IMAGE, "baseline").get().denied()).isFalse();
        assertThat(checks).hasValue(1);

        // nothing changed: a refresh keeps what both know
        b.refresh();
        b.refresh();
        assertThat(b.known(IMAGE, "baseline")).isNotNull();

        // replica a's rematch replaces the stored result: the image now runs as root
        long version = store.image(DIGEST).orElseThrow().version() + 1;
        store.rematched(
                DIGEST,
                "fail",
                Json.writer().writeValueAsString(TestReports.report(DIGEST, true)),
                null,
                null,
                null,
                version);
        a.forget(DIGEST);
        assertThat(b.known(IMAGE, "baseline")).as("b before its refresh").isNotNull();
        b.refresh();
        assertThat(b.known(IMAGE, "baseline")).as("b after its refresh").isNull();
        Judgement again = b.judge(IMAGE, "baseline").get();
        assertThat(again.denied()).isTrue();
        assertThat(again.version()).isEqualTo(version);
        assertThat(again.denials()).anySatisfy(d -> assertThat(d).startsWith("not-root:"));
        assertThat(checks)
                .as("judged again from the stored result, not checked again")
                .hasValue(1);

        // the judgement of the new result survives later refreshes
        b.refresh();
        assertThat(b.known(IMAGE, "baseline")).isEqualTo(again);
    }
}
