package dev.vouch.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.SharedCorpora;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rpm databases in their three formats, from go-rpmdb's test data ({@code ../shared/corpora/rpmdb}): every package
 * of the NDB database exactly as go-rpmdb's test table lists it (which {@code rpm -qa} printed in the SLE 15 image),
 * the Berkeley DB one's package as its test states it and as Debian's rpm reads it, the SQLite one equal to Debian's
 * rpm; and Berkeley DB and NDB files made hostile in test code.
 */
class RpmDatabasesTest {
    @TempDir
    Path tmp;

    static final Pattern ROW = Pattern.compile(
            "\\{intRef\\((\\d*)\\), \"([^\"]*)\", \"([^\"]*)\", \"([^\"]*)\", \"([^\"]*)\", \"([^\"]*)\", \\d+, \"([^\"]*)\"");

    static byte[] corpus(String file) throws IOException {
        return Files.readAllBytes(SharedCorpora.path("rpmdb/pkg/testdata").resolve(file));
    }

    /** name epoch:version-release arch source-rpm license, as this test prints every package. */
    static String row(RpmHeader h) {
        Integer epoch = h.integer(RpmHeader.EPOCH);
        return h.string(RpmHeader.NAME) + " " + (epoch == null ? "" : epoch + ":") + h.string(RpmHeader.VERSION) + "-"
                + h.string(RpmHeader.RELEASE) + " " + h.string(RpmHeader.ARCH) + " " + h.string(RpmHeader.SOURCERPM)
                + " " + h.string(RpmHeader.LICENSE);
    }

    static List<String> rows(String path, byte[] db) throws Exception {
        return RpmCataloger.headers(path, db).stream()
                .map(RpmDatabasesTest::row)
                .toList();
    }

    @Test
    void ndbListsEveryPackageOfGoRpmdbsTable() throws Exception {
        String table = Files.readString(SharedCorpora.path("rpmdb/pkg/rpmdb_testcase_test.go"));
        int from = table.indexOf("SLE15WithNDB = func()");
        String block = table.substring(from, table.indexOf("return toPackageInfo", from));
        List<String> expected = new ArrayList<>();
        Matcher m = ROW.matcher(block);
        while (m.find()) {
            expected.add(m.group(2) + " " + (m.group(1).isEmpty() ? "" : m.group(1) + ":") + m.group(3) + "-"
                    + m.group(4) + " " + m.group(5) + " " + m.group(6) + " " + m.group(7));
        }
        assertThat(expected).hasSize(35);
        assertThat(rows("usr/lib/sysimage/rpm/Packages.db", corpus("sle15-bci/Packages.db")))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void berkeleyDbGivesItsPackageAsGoRpmdbAndDebiansRpmRead() throws Exception {
        byte[] db = corpus("libuuid/Packages");
        List<String> got = rows("var/lib/rpm/Packages", db);
        assertThat(got).containsExactly("libuuid 2.32.1-42.el8_8 x86_64 util-linux-2.32.1-42.el8_8.src.rpm BSD");
        Path dir = Files.createDirectories(tmp.resolve("bdb"));
        Files.write(dir.resolve("Packages"), db);
        assertThat(rpmQa(dir, "bdb_ro")).containsExactly("libuuid 2.32.1-42.el8_8 x86_64");
    }

    @Test
    void sqliteIsWhatDebiansRpmReads() throws Exception {
        byte[] db = corpus("cbl-mariner-2.0/rpmdb.sqlite");
        List<String> got = rows("var/lib/rpm/rpmdb.sqlite", db);
        assertThat(got).contains("curl 7.76.0-6.cm2 x86_64 curl-7.76.0-6.cm2.src.rpm MIT");
        Path dir = Files.createDirectories(tmp.resolve("sqlite"));
        Files.write(dir.resolve("rpmdb.sqlite"), db);
        List<String> rpm = rpmQa(dir, "sqlite");
        assertThat(rpm).hasSize(129);
        assertThat(got.stream()
                        .map(r -> r.substring(0, r.indexOf(' ', r.indexOf(' ', r.indexOf(' ') + 1) + 1)))
                        .filter(r -> !r.startsWith("gpg-pubkey"))
                        .sorted()
                        .toList())
                .isEqualTo(rpm.stream()
                        .filter(r -> !r.startsWith("gpg-pubkey"))
                        .sorted()
                        .toList());
    }

    /** Debian's rpm over a database directory: name epoch:version-release arch, one per package. */
    static List<String> rpmQa(Path dir, String backend) throws Exception {
        Process p = new ProcessBuilder(
                        "rpm",
                        "--define",
                        "_db_backend " + backend,
                        "--dbpath",
                        dir.toString(),
                        "-qa",
                        "--qf",
                        "%{NAME} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE} %{ARCH}\\n")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().toList();
    }

    /** A Berkeley DB with one hash page whose value points at an overflow chain of the given pages. */
    static byte[] berkeley(int firstOverflow, int length, int[] next, int used) {
        int pageSize = 512;
        ByteBuffer b = ByteBuffer.allocate(pageSize * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(12, 0x061561).putInt(20, pageSize).put(25, (byte) 8).putInt(32, 3);
        int hash = pageSize;
        b.putShort(hash + 20, (short) 2).put(hash + 25, (byte) 13);
        b.putShort(hash + 26, (short) 400).putShort(hash + 28, (short) 420);
        b.put(hash + 420, (byte) 3).putInt(hash + 424, firstOverflow).putInt(hash + 428, length);
        for (int page = 2; page <= 3; page++) {
            int at = page * pageSize;
            b.put(at + 25, (byte) 7).putInt(at + 16, next[page - 2]).putShort(at + 22, (short) used);
        }
        return b.array();
    }

    @Test
    void hostileBerkeleyDatabasesAreRefusedWithTheReason() throws Exception {
        assertThatThrownBy(() -> RpmBerkeleyDb.headers(berkeley(2, 100, new int[] {3, 2}, 10)))
                .hasMessage("overflow page 2 holds more than its entry's length");
        assertThatThrownBy(() -> RpmBerkeleyDb.headers(berkeley(2, 10_000, new int[] {3, 2}, 10)))
                .hasMessage("overflow page 2 is outside the database or loops");
        assertThatThrownBy(() -> RpmBerkeleyDb.headers(berkeley(9, 10, new int[] {0, 0}, 10)))
                .hasMessage("overflow page 9 is outside the database or loops");
        assertThatThrownBy(() -> RpmBerkeleyDb.headers(berkeley(2, 11, new int[] {0, 0}, 10)))
                .hasMessage("an overflow chain holds 10 bytes, its entry says 11");
        assertThat(RpmBerkeleyDb.headers(berkeley(2, 10, new int[] {0, 0}, 10))).hasSize(1);
        byte[] truncated = new byte[100];
        assertThatThrownBy(() -> RpmBerkeleyDb.headers(truncated))
                .hasMessage("no Berkeley DB hash magic: not a Berkeley DB rpm database");
    }

    @Test
    void hostileNdbDatabasesAreRefusedWithTheReason() throws Exception {
        byte[] real = corpus("sle15-bci/Packages.db");
        byte[] outside = real.clone();
        ByteBuffer.wrap(outside).order(ByteOrder.LITTLE_ENDIAN).putInt(32 + 8, Integer.MAX_VALUE);
        assertThatThrownBy(() -> RpmNdb.headers(outside)).hasMessageMatching("package \\d+'s blob is outside the file");
        byte[] longer = real.clone();
        ByteBuffer lb = ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN);
        int blob = lb.getInt(32 + 8) * 16;
        lb.putInt(blob + 12, 1 << 30);
        assertThatThrownBy(() -> RpmNdb.headers(longer))
                .hasMessageMatching("package \\d+'s blob is longer than its blocks");
        byte[] pages = real.clone();
        ByteBuffer.wrap(pages).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 100_000);
        assertThatThrownBy(() -> RpmNdb.headers(pages))
                .hasMessage("NDB version 0 with 100000 slot pages is not readable");
    }
}
