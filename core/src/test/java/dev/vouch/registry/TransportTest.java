package dev.vouch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportTest {
    @Test
    void retryAfterInSecondsOrAsADate() {
        assertThat(Transport.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        String inAMinute =
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(Transport.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        assertThat(Transport.retryAfter("Mon, 01 Jan 2001 00:00:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(Transport.retryAfter("soon")).isNull();
        assertThat(Transport.retryAfter(null)).isNull();
    }

    @Test
    void backoffDoublesWithJitter() {
        Transport t =
                new Transport(RegistryHost.of("127.0.0.1:1", java.util.Set.of()), RegistryOptions.defaults(Map.of()));
        for (int i = 0; i < 50; i++) {
            assertThat(t.backoff(1).toMillis()).isBetween(250L, 500L);
            assertThat(t.backoff(3).toMillis()).isBetween(1000L, 2000L);
        }
    }

    @Test
    void credentialsFollowOnlyTheSameOrigin() {
        URI reg = URI.create("https://r.example/v2/a/blobs/x");
        assertThat(Transport.sameOrigin(reg, URI.create("https://r.example:443/other")))
                .isTrue();
        assertThat(Transport.sameOrigin(reg, URI.create("https://storage.example/x")))
                .isFalse();
        assertThat(Transport.sameOrigin(reg, URI.create("http://r.example/x"))).isFalse();
        assertThat(Transport.sameOrigin(reg, URI.create("https://r.example:8443/x")))
                .isFalse();
    }
}
