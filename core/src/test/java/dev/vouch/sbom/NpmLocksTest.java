package dev.vouch.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * npm lock files name their packages right: pnpm v5 keys carry a peer suffix whose own {@code @} is not the version's
 * ({@code /acorn-jsx/5.3.2_acorn@8.8.0} is acorn-jsx 5.3.2, not "acorn-jsx/5.3.2_acorn" 8.8.0), v6 and v9 keep working;
 * a yarn alias is the package it resolves to; a package-lock v1 dependency nested under a development one is left out.
 */
class NpmLocksTest {
    static List<String> purls(String lock) throws Exception {
        return purls("app/pnpm-lock.yaml", lock);
    }

    static List<String> purls(String file, String lock) throws Exception {
        var found = new NpmLockCataloger().read(file, new ByteArrayInputStream(lock.getBytes(StandardCharsets.UTF_8)));
        return found.packages().stream().map(p -> p.purl()).sorted().toList();
    }

    @Test
    void v5PeerSuffixesAreNotVersions() throws Exception {
        assertThat(purls("""
                        lockfileVersion: 5.4
                        packages:
                          /acorn-jsx/5.3.2_acorn@8.8.0:
                            resolution: {integrity: sha512-a}
                          /@babel/plugin-syntax-jsx/7.18.6_@babel+core@7.20.5:
                            resolution: {integrity: sha512-b}
                          /ms/2.1.3:
                            resolution: {integrity: sha512-c}
                          /jest/29.0.0:
                            resolution: {integrity: sha512-d}
                            dev: true
                        """))
                .containsExactly(
                        "pkg:npm/%40babel/plugin-syntax-jsx@7.18.6", "pkg:npm/acorn-jsx@5.3.2", "pkg:npm/ms@2.1.3");
    }

    @Test
    void v6AndV9KeysStayRight() throws Exception {
        assertThat(purls("""
                        lockfileVersion: '6.0'
                        packages:
                          /acorn-jsx@5.3.2(acorn@8.8.0):
                            resolution: {integrity: sha512-a}
                          /@scope/x@1.0.0:
                            resolution: {integrity: sha512-b}
                        """)).containsExactly("pkg:npm/%40scope/x@1.0.0", "pkg:npm/acorn-jsx@5.3.2");
        assertThat(purls("""
                        lockfileVersion: '9.0'
                        packages:
                          acorn-jsx@5.3.2:
                            resolution: {integrity: sha512-a}
                        """)).containsExactly("pkg:npm/acorn-jsx@5.3.2");
    }

    @Test
    void aYarnAliasIsThePackageItResolvesTo() throws Exception {
        assertThat(purls("app/yarn.lock", """
                        __metadata:
                          version: 6

                        "string-width-cjs@npm:string-width@^4.2.0":
                          version: 4.2.3
                          resolution: "string-width@npm:4.2.3"

                        "react@npm:^18.2.0":
                          version: 18.2.0
                          resolution: "react@npm:18.2.0"
                        """)).containsExactly("pkg:npm/react@18.2.0", "pkg:npm/string-width@4.2.3");
    }

    @Test
    void aPackageLockV1DependencyNestedUnderADevelopmentOneIsLeftOut() throws Exception {
        assertThat(purls("app/package-lock.json", """
                        {"lockfileVersion": 1, "dependencies": {
                          "express": {"version": "4.18.2"},
                          "jest": {"version": "29.0.0", "dev": true,
                            "dependencies": {"chalk": {"version": "4.1.2"}}}}}
                        """)).containsExactly("pkg:npm/express@4.18.2");
    }
}
