package dev.vouch.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The pure parts of the catalog: os-release, record databases, layer tracing. */
class CatalogPartsTest {
    @Test
    void osReleaseWithQuotesEscapesAndComments() {
        Distro d = Distro.parseOsRelease(
                "# comment\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME='Debian'\nVERSION_ID=\"12\"\n"
                        + "VERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\nBAD LINE\n",
                "etc/os-release");
        assertThat(d)
                .isEqualTo(new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "etc/os-release"));
        assertThat(d.purlQualifier()).isEqualTo("debian-12");
        assertThat(Distro.parseOsRelease("ID=Alpine\nVERSION_ID=3.19.1\n", "x").majorMinor())
                .isEqualTo("3.19");
        assertThat(Distro.parseOsRelease("ID=\"arch\"\nPRETTY_NAME=\"say \\\"hi\\\"\"\n", "x"))
                .isEqualTo(new Distro("arch", null, null, "say \"hi\"", "x"));
        assertThat(Distro.parseOsRelease("NAME=nothing\n", "x")).isNull();
    }

    @Test
    void deb822ParagraphsWithContinuationLines() {
        List<Map<String, String>> s = Stanzas.deb822(
                "Package: a\nStatus: install ok installed\nDescription: short\n long line\n .\n\n\nPackage: b\nVersion: 1\n");
        assertThat(s).hasSize(2);
        assertThat(s.get(0).get("Description")).isEqualTo("short\nlong line\n.");
        assertThat(s.get(1)).containsEntry("Version", "1");
    }

    @Test
    void aLicenseTextOfAHundredThousandLinesIsReadInOnePass() {
        String text = "License: GPL-2\n" + " line\n".repeat(100_000);
        List<Map<String, String>> s = Stanzas.deb822(text);
        assertThat(s.get(0).get("License")).hasSize("GPL-2".length() + "\nline".length() * 100_000);
    }

    @Test
    void firstLinesOfAFieldAreWhatTheParagraphsSay() {
        // continuation lines, a repeated field (the last one counts), an empty value, CRLF, a field only in a
        // continuation, Unicode blank lines and spaces, a key with a leading space, bytes that are not UTF-8, no
        // final newline
        List<String> texts = List.of(
                "Format: x\n\nFiles: *\nLicense: GPL-2+\n This program\n .\n more\n\nLicense: MIT\n",
                "License: A\nLicense: B\n\n\n\nLicense:\n text\n",
                "License: Apache-2.0\r\nComment: x\r\n\r\nLicense: BSD\r\n",
                "Comment: a\n License: not-a-field\n\n License: leading\n",
                "License: one\n\u2003\u2028\nLicense: two \u00a0\n\u00a0\nLicense: three",
                "License: \u00e9t\u00e9\n\nLi\u00e7ense: no\n",
                ":License: no\nLicense:yes");
        for (String t : texts) {
            List<String> fromParagraphs = Stanzas.deb822(t).stream()
                    .filter(m -> m.containsKey("License"))
                    .map(m -> m.get("License").split("\n", 2)[0].strip())
                    .toList();
            assertThat(Stanzas.firstLines(t.getBytes(java.nio.charset.StandardCharsets.UTF_8), "License"))
                    .as(t)
                    .isEqualTo(fromParagraphs);
        }
        assertThat(Stanzas.firstLines("License: A\nLicense: B\n\nLicense: C".getBytes(), "License"))
                .containsExactly("B", "C");
        // bytes that are not UTF-8 decode as the whole text would: a bad byte is U+FFFD, a line of it no field
        byte[] broken = "License: ?\n?\n\nLicense:x".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        broken[9] = (byte) 0xe2; // a sequence cut short
        broken[11] = (byte) 0xff; // never UTF-8
        assertThat(Stanzas.firstLines(broken, "License")).containsExactly("\ufffd", "x");
        assertThat(Stanzas.firstLines(broken, "License"))
                .isEqualTo(Stanzas.deb822(new String(broken, java.nio.charset.StandardCharsets.UTF_8)).stream()
                        .map(m -> m.get("License"))
                        .toList());
    }

    @Test
    void apkRecordsKeepTheFirstOfEachKey() {
        List<Map<String, String>> s = Stanzas.apk("P:musl\nV:1\nF:lib\nR:a\nR:b\n\nP:x\nV:2\n");
        assertThat(s).hasSize(2);
        assertThat(s.get(0)).containsEntry("P", "musl").containsEntry("R", "a");
    }

    @Test
    void aPackageIsIntroducedWhereItsVersionFirstStaysTheSameToTheTop() {
        TreeMap<Integer, Map<String, String>> byLayer = new TreeMap<>();
        byLayer.put(0, Map.of("a", "1", "b", "1"));
        byLayer.put(2, Map.of("a", "1", "b", "2", "c", "1"));
        byLayer.put(4, Map.of("a", "1", "b", "2", "c", "1"));
        assertThat(Introduced.layer(byLayer, "a", "1")).isZero();
        assertThat(Introduced.layer(byLayer, "b", "2")).isEqualTo(2); // upgraded in layer 2
        assertThat(Introduced.layer(byLayer, "c", "1")).isEqualTo(2);
        byLayer.put(3, Map.of("a", "1", "b", "2"));
        assertThat(Introduced.layer(byLayer, "c", "1")).isEqualTo(4); // removed in 3, installed again in 4
    }
}
