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
 * apk-tools' version.data, rpm's rpmvercmp.at) through vouch's schemes, both ways round. apk's and rpm's are read from
 * the upstream files themselves (scripts/fetch-corpora.sh brings them); dpkg's from tables extracted from its Perl and
 * C tests.
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
        return failures(scheme, relative, rows(relative));
    }

    /** Each row {@code a, b, expected} compared both ways round; what disagrees. */
    private static List<String> failures(VersionScheme scheme, String relative, List<String[]> rows) {
        List<String> wrong = new ArrayList<>();
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
    void pep440OrdersAsThePepsExamplesDo() {
        // PEP 440's own example order ("Summary of permitted suffixes and relative ordering"), then spellings
        List<String> ordered = List.of(
                "1.dev0",
                "1.0.dev456",
                "1.0a1",
                "1.0a2.dev456",
                "1.0a12.dev456",
                "1.0a12",
                "1.0b1.dev456",
                "1.0b2",
                "1.0b2.post345.dev456",
                "1.0b2.post345",
                "1.0rc1.dev456",
                "1.0rc1",
                "1.0",
                "1.0+abc.5",
                "1.0+abc.7",
                "1.0+5",
                "1.0.post456.dev34",
                "1.0.post456",
                "1.0.15",
                "1.1.dev1");
        for (int i = 0; i + 1 < ordered.size(); i++) {
            assertThat(VersionScheme.PEP440.compare(ordered.get(i), ordered.get(i + 1)))
                    .as(ordered.get(i) + " < " + ordered.get(i + 1))
                    .isEqualTo(-1);
            assertThat(VersionScheme.PEP440.compare(ordered.get(i + 1), ordered.get(i)))
                    .isEqualTo(1);
        }
        assertThat(VersionScheme.PEP440.compare("1.0", "1.0.0")).isZero();
        assertThat(VersionScheme.PEP440.compare("1.0-alpha-1", "1.0a1")).isZero();
        assertThat(VersionScheme.PEP440.compare("1.0c1", "1.0rc1")).isZero();
        assertThat(VersionScheme.PEP440.compare("1.0-1", "1.0.post1")).isZero();
        assertThat(VersionScheme.PEP440.compare("1!0.5", "2.0")).isEqualTo(1);
        assertThat(VersionScheme.PEP440.compare("v2.31.0", "2.31.0")).isZero();
        assertThat(VersionScheme.PEP440.isValid("not a version")).isFalse();
    }

    @Test
    void dpkgParsesWhatDpkgParses() throws IOException {
        List<String> wrong = new ArrayList<>();
        assertThat(rows("dpkg/dpkg_version_parse.tsv")).hasSize(31);
        for (String[] r : rows("dpkg/dpkg_version_parse.tsv")) {
            String v = r[0].replace("\\t", "\t");
            // "warning" is a parse that dpkg refuses unless told to be lenient: not a valid version here
            boolean expected = r[1].equals("ok");
            if (VersionScheme.DPKG.isValid(v) != expected) {
                wrong.add("[" + r[0] + "] should be " + r[1]);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void apkFuzzyMatching() throws IOException {
        ApkVersionScheme apk = (ApkVersionScheme) VersionScheme.APK;
        List<String> wrong = new ArrayList<>();
        List<String[]> fuzzyRows = apkData().stream()
                .filter(r -> r.length == 3 && r[1].contains("~"))
                .toList();
        assertThat(fuzzyRows).hasSize(16);
        for (String[] r : fuzzyRows) {
            String a = r[0];
            String b = r[2];
            boolean fuzzy = apk.fuzzyEquals(a, b);
            boolean holds = switch (r[1]) {
                case "~" -> fuzzy;
                case "<~" -> fuzzy || apk.compare(a, b) < 0;
                case ">~" -> fuzzy || apk.compare(a, b) > 0;
                case "!~" -> !fuzzy;
                default -> throw new IllegalStateException(r[1]);
            };
            if (!holds) {
                wrong.add(a + " " + r[1] + " " + b);
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * rpm's own {@code tests/rpmvercmp.at}, read as upstream wrote it: every active {@code RPMVERCMP(a, b, expected)}
     * line (those upstream disabled with {@code dnl} are documented oddities, not asserted).
     */
    @Test
    void rpm() throws IOException {
        java.util.regex.Pattern call = java.util.regex.Pattern.compile("^RPMVERCMP\\((.*), (.*), (-?1|0)\\)$");
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(SharedCorpora.path("version-compare/rpm/tests/rpmvercmp.at"))) {
            var m = call.matcher(line);
            if (m.matches()) {
                rows.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        assertThat(rows).hasSize(91);
        assertThat(failures(VersionScheme.RPM, "rpmvercmp.at", rows)).isEmpty();
    }

    /**
     * apk-tools' own {@code test/unit/version.data}, read as upstream wrote it: {@code a OP b} must hold ({@code < > =}
     * compare; {@code ~ <~ >~ !~} are fuzzy prefix matches), a lone version must be valid, {@code !version} invalid;
     * {@code #} starts a comment.
     */
    private static List<String[]> apkData() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(SharedCorpora.path("version-compare/apk/test/unit/version.data"))) {
            String data = line.replaceAll("#.*", "").strip();
            if (!data.isEmpty()) {
                out.add(data.split("\\s+"));
            }
        }
        return out;
    }

    @Test
    void apk() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String[] r : apkData()) {
            if (r.length == 3 && (r[1].equals("<") || r[1].equals(">") || r[1].equals("="))) {
                rows.add(new String[] {r[0], r[2], r[1].equals("<") ? "-1" : r[1].equals(">") ? "1" : "0"});
            }
        }
        assertThat(rows).hasSize(738);
        assertThat(failures(VersionScheme.APK, "version.data", rows)).isEmpty();
    }

    @Test
    void apkValidity() throws IOException {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String[] r : apkData()) {
            if (r.length == 1) {
                n++;
                boolean valid = !r[0].startsWith("!");
                String v = valid ? r[0] : r[0].substring(1);
                if (VersionScheme.APK.isValid(v) != valid) {
                    wrong.add(v + " should be " + (valid ? "valid" : "invalid"));
                }
            }
        }
        assertThat(n).isEqualTo(31);
        assertThat(wrong).isEmpty();
    }
}
