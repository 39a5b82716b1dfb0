package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Toml;
import dev.vouch.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rust crates a project's {@code Cargo.lock} pins (<a
 * href="https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html">Cargo docs</a>): each {@code [[package]]}
 * from a registry ({@code source = "registry+..."} or {@code "sparse+..."}); the workspace's own crates, paths and git
 * checkouts name no release.
 */
public final class CargoLockCataloger implements FileCataloger {
    private static final int MAX = 16 << 20;

    @Override
    public boolean wants(LayerEntry entry) {
        String path = entry.path();
        return entry.size() <= MAX && (path.equals("Cargo.lock") || path.endsWith("/Cargo.lock"));
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        JsonNode doc = Toml.tree(BoundedReads.readAll(content, MAX, path), path);
        if (!doc.path("package").isArray()) {
            throw new IOException("no [[package]] array: not a Cargo.lock");
        }
        List<Package> out = new ArrayList<>();
        for (JsonNode p : doc.path("package")) {
            String source = p.path("source").asText("");
            if (source.startsWith("registry+") || source.startsWith("sparse+")) {
                Package pkg = crate(p);
                if (pkg != null) {
                    out.add(pkg);
                }
            }
        }
        return Found.of(out);
    }

    /** A crate from its name and version fields (a lock's [[package]], a .dep-v0 entry); null without both. */
    static Package crate(JsonNode p) {
        return Packages.of(
                PackageType.CARGO,
                null,
                p.path("name").asText(null),
                p.path("version").asText(null),
                List.of(),
                Map.of());
    }
}
