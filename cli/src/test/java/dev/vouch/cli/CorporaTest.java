package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code vouch layers} on the real layouts and tarballs other projects test with (../shared/corpora/oci-layouts:
 * a busybox OCI layout and go-containerregistry's fixtures, odd ones included), each with its expected outcome:
 * the image digest it must read, or the one-line error it must give.
 */
class CorporaTest {
    private static final Path CORPORA =
            Fixtures.root().resolve("../shared/corpora/oci-layouts").normalize();
    private static final String GGCR = "go-containerregistry/pkg/v1/";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // path                                                   | exit | digest or error text
                "busybox-uclibc-amd64                                     | 0 | sha256:47d0f2af0b7be8073ec4470ddc8011159aa3ba7c92c4a87f4156fa59dbb50dec",
                "oci:busybox-uclibc-amd64:busybox:1.38.0-uclibc           | 0 | sha256:47d0f2af0b7be8073ec4470ddc8011159aa3ba7c92c4a87f4156fa59dbb50dec",
                "oci:busybox-uclibc-amd64:nope                            | 2 | has no image tagged 'nope'; tags: busybox:1.38.0-uclibc",
                "layout/testdata/test_index_one_image                     | 0 | sha256:98ceaf93e482fe91b9bfd6bba07137c098e49ee2d55e69f09fb6c951e75e0e46",
                "layout/testdata/test_index                               | 2 | holds 4 images and none names a platform; choose one by tag: 1, 2, 3, 4",
                "layout/testdata/test_gc_index                            | 2 | holds 3 images and none names a platform; choose one by tag: 1, 3, 4",
                "layout/testdata/test_index_media_type                    | 2 | is an artifact (config media type application/vnd.cncf.helm.config.v1+json), not a container image",
                "layout/testdata/test_gc_image_unknown_mediatype          | 2 | blob sha256:32589985702551b6c56033bb3334432a0a513bf9d6aceda0f67c42b003850720 is missing",
                "tarball/testdata/test_image_1.tar                        | 0 | sha256:ea894cefba80bfe638e9bd1b497994f089032e1c816316513a3b7bc5c79a2490",
                "tarball/testdata/test_image_2.tar                        | 0 | sha256:a95c18d106b7e5e95d89d0b557e910ec5cb13f80d55c141e5eb4d0bcd448cb24",
                "tarball/testdata/test_load_manifest.tar                  | 0 | sha256:ea894cefba80bfe638e9bd1b497994f089032e1c816316513a3b7bc5c79a2490",
                "tarball/testdata/test_bundle.tar                         | 2 | manifest.json holds 2 images; choose one with docker-archive:PATH:REPO:TAG from: test_image_2, test_image_1",
                "docker-archive:tarball/testdata/test_bundle.tar:test_image_1 | 0 | sha256:ea894cefba80bfe638e9bd1b497994f089032e1c816316513a3b7bc5c79a2490",
                "docker-archive:tarball/testdata/test_link.tar:bazel/v1/tarball:test_image_3 | 0 | sha256:",
                "tarball/testdata/hello-world-v25.tar                     | 0 | sha256:27818803504ed3b278909ec8bd7a8bd2498b00b0167cb1fbdebf0d2cbba84dfe",
                "tarball/testdata/no_manifest.tar                         | 2 | neither an OCI image layout (oci-layout, index.json) nor a docker-archive (manifest.json)",
                "tarball/testdata/null_manifest.tar                       | 2 | manifest.json: the document is JSON null",
                "tarball/testdata/content.tar                             | 2 | neither an OCI image layout",
                "mutate/testdata/source_image.tar                         | 0 | sha256:ea894cefba80bfe638e9bd1b497994f089032e1c816316513a3b7bc5c79a2490",
                "mutate/testdata/whiteout_image.tar                       | 0 | sha256:42130525bd311421b4be2dda712fa0372751945f3de8d2a97774a1a5f74405e7",
                "mutate/testdata/overwritten_file.tar                     | 0 | sha256:5b2c7c7ba84f85831e4dee841c153efe49b6487e175bd4e9705afeb793275d46",
                "mutate/testdata/whiteout_dir.tar                         | 0 | sha256:ef082484c6c94c9a846d2a817c455cc4511005e8c23ffc23c3146da98a44d0ed",
                // the config's file name promises one digest and its bytes hash to another: the file was edited
                "mutate/testdata/source_image_with_empty_layer_history.tar | 2 | config 6e0b05049ed9c17d02e1a55e80d6599dbfcce7f4f4b022e3c673e685789c470e.json: digest mismatch: expected sha256:6e0b05049ed9c17d02e1a55e80d6599dbfcce7f4f4b022e3c673e685789c470e, got sha256:05b5ec1290589606ce19fabb1fb331f004acd9f618b9b4e813721be1a03a0712",
                "../crane/testdata/content.tar.zst                        | 2 | the archive is zstd-compressed; decompress it first",
            })
    void readsEachCorpusAsExpected(String spec, int exit, String expected) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(CORPORA), "../shared/corpora is not beside the repository");
        String arg = resolve(spec);
        for (String verb : new String[] {"inspect", "layers"}) {
            Cli.Result r = Cli.run(verb, "--format", "json", arg);
            assertThat(r.code()).as(verb + " " + arg + ": " + r.err()).isEqualTo(exit);
            if (exit == 0) {
                String digest = verb.equals("inspect")
                        ? r.json().at("/image/digest").asText()
                        : r.json().path("digest").asText();
                assertThat(digest).startsWith(expected);
            } else {
                assertThat(r.errorLine()).contains(expected);
            }
        }
    }

    private static String resolve(String spec) {
        int colon = spec.indexOf(':');
        String transport = colon > 0 && spec.substring(0, colon).matches("[a-z-]+") ? spec.substring(0, colon + 1) : "";
        String rest = spec.substring(transport.length());
        String base = rest.startsWith("busybox")
                ? CORPORA.toString()
                : CORPORA.resolve(GGCR).toString();
        String[] pathAndName = rest.split(":", 2);
        Path p = Path.of(base, pathAndName[0]).normalize();
        return transport + p + (pathAndName.length > 1 ? ":" + pathAndName[1] : "");
    }
}
