package dev.vouch.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.SharedCorpora;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every comparison vector of the upstream projects ({@code ../shared/corpora/version-compare}: dpkg's own tests,
 * apk-tools' version.data, rpm's rpmvercmp.at) through vouch's schemes, both ways round.
 */
class VersionVectorsTest {
    /** Rows of a TSV after its header (comment lines skipped), split on tabs. */
    private static List<String[]> rows(String relative) throws IOException {
        List<String[]> out = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(SharedCorpora.path("version-compare/" + relative))) {
            if (line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            out.add(line.split("\t", -1));
        }
        return out;
    }

    private static List<String> failures(VersionScheme scheme, String relative) throws IOException {
        List<String> wrong = new ArrayList<>();
        List<String[]> rows = rows(relative);
        for (String[] r : rows) {
            int expected = Integer.parseInt(r[2]);
            int got;
            int back;
            try {
                got = scheme.compare(r[0], r[1]);
                back = scheme.compare(r[1], r[0]);
            } catch (RuntimeException e) {
                wrong.add(r[0] + " vs " + r[1] + ": " + e);
                continue;
            }
            if (got != expected || back != -expected) {
                wrong.add(
                        r[0] + " vs " + r[1] + ": expected " + expected + ", got " + got + " (reversed " + back + ")");
            }
        }
        System.out.println(relative + ": " + (rows.size() - wrong.size()) + "/" + rows.size());
        return wrong;
    }

    @Test
    void dpkg() throws IOException {
        assertThat(failures(VersionScheme.DPKG, "dpkg/dpkg_version_compare.tsv"))
                .isEmpty();
    }

    @Test
    void dpkgSortsEachOfItsListsInTheirOrder() throws IOException {
        List<List<String>> lists = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String line : Files.readAllLines(SharedCorpora.path("version-compare/dpkg/dpkg_sort_orders.txt"))) {
            if (line.startsWith("#")) {
                cur = new ArrayList<>();
                lists.add(cur);
            } else if (!line.isBlank()) {
                cur.add(line.strip());
            }
        }
        assertThat(lists).hasSize(3);
        for (List<String> expected : lists) {
            List<String> shuffled = new ArrayList<>(expected);
            java.util.Collections.reverse(shuffled);
            shuffled.sort(VersionScheme.DPKG::compare);
            assertThat(shuffled).isEqualTo(expected);
        }
    }

    @Test
    void rpm() throws IOException {
        assertThat(failures(VersionScheme.RPM, "rpm/rpm_vercmp.tsv")).isEmpty();
    }

    @Test
    void apk() throws IOException {
        assertThat(failures(VersionScheme.APK, "apk/apk_version_compare.tsv")).isEmpty();
    }

    @Test
    void apkValidity() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String[] r : rows("apk/apk_version_validity.tsv")) {
            if (VersionScheme.APK.isValid(r[0]) != Boolean.parseBoolean(r[1])) {
                wrong.add(r[0] + " should be " + (Boolean.parseBoolean(r[1]) ? "valid" : "invalid"));
            }
        }
        assertThat(wrong).isEmpty();
    }
}
