package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/fetch-corpora.sh} and its manifest {@code scripts/corpora.tsv}: the manifest lists every file of
 * {@code ../shared/corpora} with its SHA-256; from a mirror laid out as raw.githubusercontent.com lays out the pinned
 * commits (made here from the corpora themselves), the script rebuilds the same tree byte for byte, refuses a file
 * whose bytes changed upstream, and keeps what is already there.
 */
class FetchCorporaTest {
    @TempDir
    Path tmp;

    record Row(String path, String sha256, String repo, String commit, String upstream) {
        boolean fetchable() {
            return !repo.equals("-");
        }

        String mirrorPath() {
            return repo + "/" + commit + "/" + upstream;
        }
    }

    static List<Row> manifest() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.root().resolve("scripts/corpora.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split("\t", -1);
                rows.add(new Row(f[0], f[1], f[2], f[3], f[4]));
            }
        }
        return rows;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void theManifestListsEveryCorpusFileWithItsDigest() throws Exception {
        Path corpora = Fixtures.corpus("");
        TreeSet<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.walk(corpora)) {
            files.filter(Files::isRegularFile)
                    .forEach(f -> onDisk.add(corpora.relativize(f).toString()));
        }
        List<Row> rows = manifest();
        assertThat(rows.stream().map(Row::path).toList())
                .as("scripts/corpora.tsv is stale: run scripts/corpora-manifest.py > scripts/corpora.tsv")
                .containsExactlyElementsOf(onDisk);
        for (Row r : rows) {
            assertThat(sha256(corpora.resolve(r.path()))).as(r.path()).isEqualTo(r.sha256());
        }
        // most of it is fetchable: what the curators derived (tables, re-serialised records, notes) is the rest
        long fetchable = rows.stream().filter(Row::fetchable).count();
        assertThat(fetchable).isGreaterThan(rows.size() * 9 / 10);
        assertThat(rows.stream().filter(r -> r.path().startsWith("version-compare/apk/test/")))
                .allMatch(Row::fetchable);
    }

    @Test
    void theScriptRebuildsTheTreeFromAMirrorAndRefusesChangedBytes() throws Exception {
        Path corpora = Fixtures.corpus("");
        Path mirror = tmp.resolve("mirror");
        List<Row> fetchable = manifest().stream().filter(Row::fetchable).toList();
        for (Row r : fetchable) {
            Path to = mirror.resolve(r.mirrorPath());
            Files.createDirectories(to.getParent());
            Files.copy(corpora.resolve(r.path()), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        // one upstream file whose bytes are not the pinned ones
        Row changed = fetchable.stream()
                .filter(r -> r.path().startsWith("osv/go/"))
                .findFirst()
                .orElseThrow();
        Files.writeString(mirror.resolve(changed.mirrorPath()), "{}", StandardCharsets.UTF_8);
        Path dest = tmp.resolve("corpora");
        Run first = fetch(mirror, dest);
        assertThat(first.code()).isEqualTo(1);
        assertThat(first.err()).contains("fetch-corpora: " + changed.path() + ": SHA-256 ");
        assertThat(first.out())
                .contains((fetchable.size() - 1) + " fetched, 0 already present, 1 failed")
                .contains("the tests that read them stay skipped");
        assertThat(dest.resolve(changed.path())).doesNotExist();
        for (Row r : fetchable) {
            if (r != changed) {
                assertThat(sha256(dest.resolve(r.path()))).as(r.path()).isEqualTo(r.sha256());
            }
        }
        // the mirror mended: only the missing file is fetched, the rest kept
        Files.copy(
                corpora.resolve(changed.path()),
                mirror.resolve(changed.mirrorPath()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run second = fetch(mirror, dest);
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("1 fetched, " + (fetchable.size() - 1) + " already present, 0 failed");
    }

    record Run(int code, String out, String err) {}

    private Run fetch(Path mirror, Path dest) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        "bash",
                        Fixtures.root().resolve("scripts/fetch-corpora.sh").toString(),
                        dest.toString())
                .redirectError(tmp.resolve("err").toFile());
        pb.environment().put("VOUCH_CORPORA_MIRROR", mirror.toUri().toString().replaceAll("/$", ""));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(tmp.resolve("err")));
    }
}
