package dev.vouch.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return purls(file, lock, Map.of());
    }

    /** The purls a lock lists with these package.json files beside it (by directory relative to the lock). */
    static List<String> purls(String file, String lock, Map<String, String> manifests) throws Exception {
        Map<String, byte[]> m = new HashMap<>();
        manifests.forEach((dir, json) -> m.put(dir, json.getBytes(StandardCharsets.UTF_8)));
        return NpmLockCataloger.packages(file, lock.getBytes(StandardCharsets.UTF_8), m).stream()
                .map(p -> p.purl() + (p.properties().isEmpty() ? "" : " " + p.properties()))
                .sorted()
                .toList();
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
                        """))
                .containsExactly("pkg:npm/react@18.2.0", "pkg:npm/string-width@4.2.3 {alias=string-width-cjs}");
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

    static final String YARN_V1 = """
            # yarn lockfile v1

            express@^4.18.0:
              version "4.18.2"
              dependencies:
                debug "2.6.9"
                "@types/node" "^20.0.0"

            debug@2.6.9:
              version "2.6.9"

            "@types/node@^20.0.0":
              version "20.1.0"

            jest@^29.0.0:
              version "29.0.0"
              dependencies:
                chalk "^4.1.0"

            chalk@^4.1.0:
              version "4.1.2"

            fsevents@~2.3.2:
              version "2.3.3"
            """;

    @Test
    void yarnV1WithItsPackageJsonListsWhatProductionReaches() throws Exception {
        String manifest = """
                {"dependencies": {"express": "^4.18.0"}, "optionalDependencies": {"fsevents": "~2.3.2"},
                 "devDependencies": {"jest": "^29.0.0"}}""";
        assertThat(purls("app/yarn.lock", YARN_V1, Map.of("", manifest)))
                .containsExactly(
                        "pkg:npm/%40types/node@20.1.0",
                        "pkg:npm/debug@2.6.9", "pkg:npm/express@4.18.2", "pkg:npm/fsevents@2.3.3");
        // without the package.json, nothing says what is for development: everything is listed
        assertThat(purls("app/yarn.lock", YARN_V1)).hasSize(6);
    }

    @Test
    void yarnBerryFollowsTheManifestAndItsWorkspaces() throws Exception {
        String lock = """
                __metadata:
                  version: 8

                "app@workspace:.":
                  version: 0.0.0-use.local
                  dependencies:
                    lib: "workspace:*"
                    react: "npm:^18.2.0"
                    typescript: "npm:^5.0.0"

                "lib@workspace:packages/lib":
                  version: 0.0.0-use.local
                  dependencies:
                    ms: "npm:^2.1.0"
                    eslint: "npm:^8.0.0"

                "react@npm:^18.2.0":
                  version: 18.2.0
                  dependencies:
                    loose-envify: "npm:^1.1.0"

                "loose-envify@npm:^1.1.0":
                  version: 1.4.0

                "ms@npm:^2.1.0":
                  version: 2.1.3

                "typescript@npm:^5.0.0, typescript@npm:^5.1.0":
                  version: 5.1.6

                "eslint@npm:^8.0.0":
                  version: 8.40.0
                """;
        assertThat(purls(
                        "app/yarn.lock",
                        lock,
                        Map.of(
                                "", """
                        {"workspaces": ["packages/*"], "dependencies": {"react": "^18.2.0", "lib": "workspace:*"},
                         "devDependencies": {"typescript": "^5.0.0"}}""",
                                "packages/lib", """
                        {"dependencies": {"ms": "^2.1.0"}, "devDependencies": {"eslint": "^8.0.0"}}""")))
                .containsExactly("pkg:npm/loose-envify@1.4.0", "pkg:npm/ms@2.1.3", "pkg:npm/react@18.2.0");
    }

    @Test
    void pnpmV9LeavesOutWhatOnlyAnImportersDevDependencyReaches() throws Exception {
        assertThat(purls("""
                        lockfileVersion: '9.0'
                        importers:
                          .:
                            dependencies:
                              express:
                                specifier: ^4.18.0
                                version: 4.18.2
                              cjs:
                                specifier: npm:string-width@^4.2.0
                                version: string-width@4.2.3
                            devDependencies:
                              jest:
                                specifier: ^29.0.0
                                version: 29.0.0(@types/node@20.1.0)
                        packages:
                          express@4.18.2:
                            resolution: {integrity: sha512-a}
                          debug@2.6.9:
                            resolution: {integrity: sha512-b}
                          string-width@4.2.3:
                            resolution: {integrity: sha512-c}
                          jest@29.0.0:
                            resolution: {integrity: sha512-d}
                          chalk@4.1.2:
                            resolution: {integrity: sha512-e}
                        snapshots:
                          express@4.18.2:
                            dependencies:
                              debug: 2.6.9
                          debug@2.6.9: {}
                          string-width@4.2.3: {}
                          jest@29.0.0(@types/node@20.1.0):
                            dependencies:
                              chalk: 4.1.2
                          chalk@4.1.2: {}
                        """))
                .containsExactly("pkg:npm/debug@2.6.9", "pkg:npm/express@4.18.2", "pkg:npm/string-width@4.2.3");
    }

    @Test
    void aLockThatIsNotALockSaysWhy() {
        assertThatThrownBy(() -> purls("app/package-lock.json", "null"))
                .isInstanceOf(IOException.class)
                .hasMessage("its top level is null, not a mapping: not a lock file");
        assertThatThrownBy(() -> purls("app/pnpm-lock.yaml", "just a string"))
                .hasMessage("its top level is string, not a mapping: not a lock file");
        assertThatThrownBy(() -> purls("app/yarn.lock", "\u0000\u0001garbage"))
                .hasMessage("no entry of the form 'name@range:': not a yarn lock file");
    }
}
