package dev.vouch.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryNamesTest {
    @ParameterizedTest
    @CsvSource({"./etc/passwd,etc/passwd", "etc//x/./y/,etc/x/y", "./,''", "a/.b/..c,a/.b/..c"})
    void normalizes(String raw, String expected) {
        assertThat(EntryNames.normalize(raw).path()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/etc/passwd,TAR001", "../x,TAR002", "a/../../b,TAR002", "a/..,TAR002"})
    void refuses(String raw, String rule) {
        assertThat(EntryNames.normalize(raw).ruleId()).isEqualTo(rule);
    }

    @org.junit.jupiter.api.Test
    void refusesNulAndOverlongNames() {
        assertThat(EntryNames.normalize("a\0b").ruleId()).isEqualTo("TAR003");
        assertThat(EntryNames.normalize("x/".repeat(2100)).ruleId()).isEqualTo("TAR004");
        assertThat(EntryNames.normalize("d/" + "n".repeat(256)).ruleId()).isEqualTo("TAR004");
        assertThat(EntryNames.normalize("d/" + "n".repeat(255)).ok()).isTrue();
        assertThat(EntryNames.printable("a\nb\u001b")).isEqualTo("a\\x0ab\\x1b");
    }
}
