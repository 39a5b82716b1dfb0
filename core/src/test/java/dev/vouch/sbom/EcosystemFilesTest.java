package dev.vouch.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ecosystem files read one by one: what each lists, what it leaves out, and what it says of a file that is not
 * what its name claims.
 */
class EcosystemFilesTest {
    static List<String> purls(FileCataloger c, String path, String content) throws IOException {
        return c.read(path, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))).packages().stream()
                .map(p -> p.purl() + (p.properties().isEmpty() ? "" : " " + p.properties()))
                .toList();
    }

    @Test
    void aGemspecWithoutAssignmentsIsNamedByItsStubLine() throws Exception {
        assertThat(
                        purls(
                                new RubyGemCataloger(),
                                "var/lib/gems/3.1.0/specifications/default/json-2.6.1.gemspec",
                                "# -*- encoding: utf-8 -*-\n# stub: json 2.6.1 ruby lib\n\nGem::Specification.new do |s|\nend\n"))
                .containsExactly("pkg:gem/json@2.6.1");
        assertThatThrownBy(() -> purls(new RubyGemCataloger(), "specifications/x.gemspec", "puts 'hi'\n"))
                .hasMessage("no name and version: not a gem specification");
        assertThatThrownBy(() -> purls(new RubyGemCataloger(), "app/Gemfile.lock", "{\"json\": true}\n"))
                .hasMessage("no GEM, GIT, PATH or DEPENDENCIES section: not a Gemfile.lock");
    }

    @Test
    void composerOneAndTwoAndWhatIsForDevelopment() throws Exception {
        ComposerCataloger c = new ComposerCataloger();
        assertThat(purls(c, "app/vendor/composer/installed.json", """
                        [{"name": "monolog/monolog", "version": "1.27.1", "license": ["MIT"]},
                         {"name": "not-namespaced", "version": "1.0"}]"""))
                .containsExactly("pkg:composer/monolog/monolog@1.27.1");
        assertThat(purls(c, "app/vendor/composer/installed.json", """
                        {"packages": [{"name": "symfony/console", "version": "v6.4.1"},
                                      {"name": "phpunit/phpunit", "version": "10.5.0"}],
                         "dev": true, "dev-package-names": ["phpunit/phpunit"]}"""))
                .containsExactly("pkg:composer/symfony/console@v6.4.1");
        assertThat(purls(c, "app/composer.lock", """
                        {"packages": [{"name": "guzzlehttp/guzzle", "version": "7.8.1"}],
                         "packages-dev": [{"name": "phpunit/phpunit", "version": "10.5.0"}]}""")).containsExactly("pkg:composer/guzzlehttp/guzzle@7.8.1");
        assertThatThrownBy(() -> purls(c, "app/vendor/composer/installed.json", "42"))
                .hasMessage("neither a list nor an object with packages: not an installed.json");
    }

    @Test
    void cargoLockListsRegistryCratesOnly() throws Exception {
        assertThat(purls(new CargoLockCataloger(), "src/Cargo.lock", """
                        version = 3
                        [[package]]
                        name = "app"
                        version = "0.1.0"
                        [[package]]
                        name = "libc"
                        version = "0.2.150"
                        source = "registry+https://github.com/rust-lang/crates.io-index"
                        [[package]]
                        name = "vendored"
                        version = "1.0.0"
                        source = "git+https://example.com/vendored#abc"
                        """)).containsExactly("pkg:cargo/libc@0.2.150");
        assertThatThrownBy(() -> purls(new CargoLockCataloger(), "Cargo.lock", "[[package]\nname = "))
                .hasMessageStartingWith("Cargo.lock: not TOML (");
        assertThatThrownBy(() -> purls(new CargoLockCataloger(), "Cargo.lock", "version = 3\n"))
                .hasMessage("no [[package]] array: not a Cargo.lock");
    }

    @Test
    void anEmbeddedCycloneDxListsNestedComponentsAsDeclared() throws Exception {
        assertThat(purls(new EmbeddedSbomCataloger(), "usr/share/sbom/app.cdx.json", """
                        {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
                          {"type": "application", "name": "app", "version": "1", "purl": "pkg:npm/app@1",
                           "components": [{"type": "library", "name": "ms", "version": "2.1.3",
                                           "purl": "pkg:npm/ms@2.1.3", "cpe": "cpe:2.3:a:ms:ms:2.1.3:*:*:*:*:*:*:*"}]},
                          {"type": "library", "name": "no-purl", "version": "1"}]}"""))
                .containsExactlyInAnyOrder(
                        "pkg:npm/app@1 {declaredBy=/usr/share/sbom/app.cdx.json}",
                        "pkg:npm/ms@2.1.3 {cpe=cpe:2.3:a:ms:ms:2.1.3:*:*:*:*:*:*:*,"
                                + " declaredBy=/usr/share/sbom/app.cdx.json}");
        assertThatThrownBy(() -> purls(new EmbeddedSbomCataloger(), "opt/x.spdx.json", "{\"a\": 1}"))
                .hasMessage("neither SPDX (spdxVersion) nor CycloneDX (bomFormat) JSON");
    }

    @Test
    void theElfTailKeepsTheLastBytesAcrossGrowthAndWrapping() {
        ElfTail t = new ElfTail(1 << 20);
        byte[] chunk = new byte[300_000];
        for (int i = 0; i < 5; i++) {
            java.util.Arrays.fill(chunk, (byte) i);
            t.feed(chunk, 0, chunk.length);
        }
        byte[] kept = t.bytes();
        assertThat(kept).hasSize(1 << 20);
        assertThat(t.base()).isEqualTo(1_500_000 - (1 << 20));
        assertThat(kept[0]).isEqualTo((byte) 1); // offset 451424 was written by the second chunk
        assertThat(kept[kept.length - 1]).isEqualTo((byte) 4);
    }
}
