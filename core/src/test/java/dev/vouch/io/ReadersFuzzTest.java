package dev.vouch.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vouch.Fuzzing;
import dev.vouch.image.Digest;
import dev.vouch.image.ImageRef;
import dev.vouch.image.Platform;
import dev.vouch.registry.AuthChallenge;

/**
 * The shared readers of untrusted text (JSON, YAML with alias bombs and deep nesting, TOML) and the small grammars:
 * image references, digests, platforms and WWW-Authenticate challenges.
 */
class ReadersFuzzTest {
    @FuzzTest
    void documents(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 3);
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> {
            switch (which) {
                case 0 -> Json.tree(bytes, "doc.json");
                case 1 -> Yaml.tree(bytes, "doc.yaml");
                case 2 -> Yaml.documents(bytes, "doc.yaml", 100);
                default -> Toml.tree(bytes, "doc.toml");
            }
        });
    }

    @FuzzTest
    void grammars(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 3);
        String text = data.consumeRemainingAsString();
        Fuzzing.declared(() -> {
            switch (which) {
                case 0 -> ImageRef.parse(text);
                case 1 -> Digest.parse(text);
                case 2 -> Platform.parse(text);
                default -> AuthChallenge.parse(text);
            }
        });
    }
}
