package dev.vouch.server.work;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.io.Json;
import dev.vouch.policy.Policies;
import dev.vouch.server.Metrics;
import dev.vouch.server.TestReports;
import dev.vouch.server.store.Job;
import dev.vouch.server.store.ServerStore;
import dev.vouch.server.store.StoredImage;
import dev.vouch.vuln.VulnDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored SBOMs matched again against the repository's demo advisories (a real advisory database imported from
 * examples/demo-src/osv): the verdict of an affected image changes, an unaffected one's does not, and a stored row
 * that cannot be read is skipped without holding back the others.
 */
class RematcherTest {
    static final String AFFECTED = "sha256:" + "1".repeat(64);
    static final String BROKEN = "sha256:" + "2".repeat(64);
    static final String CLEAN = "sha256:" + "3".repeat(64);

    @TempDir
    Path dir;

    ServerStore store;
    Path osv;
    final Metrics metrics = new Metrics();
    final List<String> changed = new ArrayList<>();

    /** A CycloneDX SBOM as vouch stores it, of one Debian 12 package. */
    static String sbom(String name, String version, String source) {
        String purl = "pkg:deb/debian/" + name + "@"
                + version.replace(":", "%3A").replace("+", "%2B") + "?arch=amd64&distro=debian-12&upstream=" + source;
        return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":[{\"type\":"
                + "\"library\",\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"purl\":\"" + purl + "\"}]}";
    }

    static StoredImage stored(String digest, String sbom) throws Exception {
        return new StoredImage(
                digest,
                "reg/app@" + digest,
                "pass",
                Json.writer().writeValueAsString(TestReports.report(digest, false)),
                sbom,
                "<html>",
                null,
                5,
                "a",
                0);
    }

    @BeforeEach
    void open() throws Exception {
        store = ServerStore.open(dir.resolve("s.sqlite").toString());
        osv = dir.resolve("osv.sqlite");
        try (VulnDatabase db = VulnDatabase.open(osv)) {
            db.importPaths(List.of(Path.of("../examples/demo-src/osv")));
        }
        store.put(stored(AFFECTED, sbom("busybox-static", "1:1.35.0-4+deb12u1+b1", "busybox")));
        store.put(stored(BROKEN, "{\"bomFormat\":\"CycloneDX\",\"components\":"));
        store.put(stored(CLEAN, sbom("busybox-static", "1:1.35.0-4+deb12u2", "busybox")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void changedVerdictsAreRecordedAndABrokenRowIsSkipped() throws Exception {
        Rematcher rematcher = new Rematcher(
                store,
                osv,
                Policies.load("baseline"),
                new VerdictNotifier(null),
                metrics,
                Clock.SYSTEM,
                changed::add,
                ref -> {
                    throw new AssertionError("no check: the images are not read again");
                });
        String fingerprint = rematcher.fingerprint().orElseThrow();

        assertThat(rematcher.run(new Job(Job.REMATCH, fingerprint, osv.toString(), 1, 0)))
                .isEqualTo(1);

        assertThat(changed).containsExactly(AFFECTED);
        assertThat(store.image(AFFECTED).orElseThrow().verdict()).isEqualTo("fail");
        assertThat(store.changes(AFFECTED)).singleElement().satisfies(c -> {
            assertThat(c.oldVerdict() + "->" + c.newVerdict()).isEqualTo("pass->fail");
            assertThat(c.reason()).isEqualTo("advisories changed: 1 vulnerability (0 before)");
        });
        assertThat(store.image(AFFECTED).orElseThrow().report()).contains("DEMO-2026-0001");
        // the fixed version: matched again, no vulnerability, verdict unchanged
        assertThat(store.image(CLEAN).orElseThrow().rematchedAt()).isPositive();
        assertThat(store.image(CLEAN).orElseThrow().verdict()).isEqualTo("pass");
        assertThat(store.changes(CLEAN)).isEmpty();
        // the broken row: left as it was, counted; the data counts as matched, so the job is not run again
        assertThat(store.image(BROKEN).orElseThrow().rematchedAt()).isZero();
        assertThat(metrics.text()).contains("vouch_rematch_errors_total 1");
        assertThat(store.state(Rematcher.STATE)).contains(fingerprint);
    }
}
