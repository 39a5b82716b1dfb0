package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * conda packages: one {@code conda-meta/NAME-VERSION-BUILD.json} per package installed in an environment (<a
 * href="https://docs.conda.io/projects/conda-build/en/stable/resources/package-spec.html">package spec</a>), with
 * its name, version, build, channel and license.
 */
public final class CondaCataloger implements FileCataloger {
    private static final int MAX = 8 << 20;

    @Override
    public boolean wants(LayerEntry entry) {
        String path = entry.path();
        int meta = path.lastIndexOf("conda-meta/");
        return entry.size() <= MAX
                && meta >= 0
                && (meta == 0 || path.charAt(meta - 1) == '/')
                && path.indexOf('/', meta + "conda-meta/".length()) < 0
                && path.endsWith(".json");
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        JsonNode doc = Json.tree(BoundedReads.readAll(content, MAX, path), path);
        if (!doc.isObject()) {
            throw new IOException("its top level is not an object: not conda package metadata");
        }
        String license = doc.path("license").asText("");
        Package p = Packages.of(
                PackageType.CONDA,
                null,
                doc.path("name").asText(null),
                doc.path("version").asText(null),
                license.isEmpty() ? List.of() : List.of(license),
                Map.of(
                        "build", doc.path("build").asText(""),
                        "channel",
                                channel(
                                        doc.path("channel").asText(""),
                                        doc.path("subdir").asText("")),
                        "subdir", doc.path("subdir").asText("")));
        return p == null ? Found.NOTHING : Found.of(List.of(p));
    }

    /** The channel's name, as purls write it: {@code https://conda.anaconda.org/conda-forge/linux-64} is conda-forge. */
    static String channel(String channel, String subdir) {
        String c = channel.endsWith("/") ? channel.substring(0, channel.length() - 1) : channel;
        if (!subdir.isEmpty() && c.endsWith("/" + subdir)) {
            c = c.substring(0, c.length() - subdir.length() - 1);
        }
        return c.substring(c.lastIndexOf('/') + 1);
    }
}
