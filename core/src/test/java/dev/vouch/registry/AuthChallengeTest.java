package dev.vouch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {
    @Test
    void dockerHubsBearerChallenge() {
        AuthChallenge c =
                AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                        + "scope=\"repository:library/nginx:pull,push\"");
        assertThat(c.isBearer()).isTrue();
        assertThat(c.param("realm")).isEqualTo("https://auth.docker.io/token");
        assertThat(c.param("service")).isEqualTo("registry.docker.io");
        assertThat(c.param("scope")).isEqualTo("repository:library/nginx:pull,push");
    }

    @Test
    void basicWithSpacesUnquotedValuesAndEscapes() {
        AuthChallenge c = AuthChallenge.parse("basic  Realm=\"a \\\"quoted\\\" realm\" , charset=UTF-8");
        assertThat(c.isBasic()).isTrue();
        assertThat(c.param("realm")).isEqualTo("a \"quoted\" realm");
        assertThat(c.param("charset")).isEqualTo("UTF-8");
    }

    @Test
    void onlyTheFirstOfSeveralChallengesIsRead() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://a/token\", Basic realm=\"b\"");
        assertThat(c.isBearer()).isTrue();
        assertThat(c.params()).containsOnlyKeys("realm");
    }

    @Test
    void nothingToParse() {
        assertThat(AuthChallenge.parse(null)).isNull();
        assertThat(AuthChallenge.parse("  ")).isNull();
        assertThat(AuthChallenge.parse("Bearer realm=\"" + "x".repeat(9000) + "\""))
                .isNull();
        assertThat(AuthChallenge.parse("Bearer").params()).isEmpty();
    }
}
