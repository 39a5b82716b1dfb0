package dev.vouch.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {
    private static final String D = "sha256:" + "a".repeat(64);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "nginx                              | docker.io/library/nginx:latest",
                "nginx:1.25                         | docker.io/library/nginx:1.25",
                "library/nginx                      | docker.io/library/nginx:latest",
                "docker.io/nginx                    | docker.io/library/nginx:latest",
                "index.docker.io/library/nginx:1    | docker.io/library/nginx:1",
                "bitnami/redis:7                    | docker.io/bitnami/redis:7",
                "localhost/app                      | localhost/app:latest",
                "localhost:5000/a/b:1               | localhost:5000/a/b:1",
                "127.0.0.1:5001/t/debian:bookworm   | 127.0.0.1:5001/t/debian:bookworm",
                "[::1]:5000/foo:bar                 | [::1]:5000/foo:bar",
                "ghcr.io/org/team/app:v1.2.3-rc.1   | ghcr.io/org/team/app:v1.2.3-rc.1",
                "Registry.Example.com/app           | Registry.Example.com/app:latest",
                "foo_bar/a__b/c-d---e.f:TAG_x       | docker.io/foo_bar/a__b/c-d---e.f:TAG_x",
                "localhost:5000/x                   | localhost:5000/x:latest",
            })
    void normalizesLikeDocker(String given, String expected) {
        assertThat(ImageRef.parse(given).normalized()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "nginx@DIGEST                 | docker.io/library/nginx@DIGEST",
                "nginx:1.25@DIGEST            | docker.io/library/nginx:1.25@DIGEST",
                "localhost:5000/a/b:1@DIGEST  | localhost:5000/a/b:1@DIGEST",
            })
    void keepsDigests(String given, String expected) {
        ImageRef ref = ImageRef.parse(given.replace("DIGEST", D));
        assertThat(ref.normalized()).isEqualTo(expected.replace("DIGEST", D));
        assertThat(ref.digest()).isEqualTo(Digest.parse(D));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Nginx                           | repository name must be lowercase",
                "docker.io/Library/nginx         | repository name must be lowercase",
                "nginx:                          | invalid tag",
                "nginx:-bad                      | invalid tag",
                "nginx:.bad                      | invalid tag",
                "a/b//c                          | invalid repository name",
                "a/b/                            | invalid repository name",
                "-nginx                          | invalid repository name",
                "nginx-                          | invalid repository name",
                "a..b/c                          | invalid registry host",
                "localhost:port/a                | invalid registry host",
                "nginx@sha256:abc                | invalid digest",
                "nginx@md5:0123456789abcdef0123456789abcdef | unsupported digest algorithm",
                "nginx@sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | lower-case hex",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | image id",
                "'a b'                           | invalid",
            })
    void rejectsInvalid(String given, String why) {
        assertThatThrownBy(() -> ImageRef.parse(given))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(why)
                .hasMessageNotContaining("\n");
    }

    @org.junit.jupiter.api.Test
    void rejectsTooLongNamesAndTags() {
        assertThatThrownBy(() -> ImageRef.parse("a/" + "b".repeat(260))).hasMessageContaining("longer than 255");
        assertThatThrownBy(() -> ImageRef.parse("a:" + "t".repeat(129))).hasMessageContaining("invalid tag");
        assertThat(ImageRef.parse("a:" + "t".repeat(128)).tag()).hasSize(128);
    }

    @org.junit.jupiter.api.Test
    void familiarFormDropsDefaults() {
        assertThat(ImageRef.parse("docker.io/library/nginx:1").familiar()).isEqualTo("nginx:1");
        assertThat(ImageRef.parse("bitnami/redis").familiar()).isEqualTo("bitnami/redis:latest");
        assertThat(ImageRef.parse("localhost:5000/a:1").familiar()).isEqualTo("localhost:5000/a:1");
    }
}
