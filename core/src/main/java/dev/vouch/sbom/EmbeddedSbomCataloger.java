package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * SBOMs an image ships about itself, under {@code opt/}, {@code usr/share/} and {@code usr/local/}: SPDX 2 JSON
 * ({@code *.spdx.json}, and Bitnami's {@code .spdx-COMPONENT.spdx}) and CycloneDX JSON ({@code *.cdx.json}). Each
 * package with a purl and a version is listed, marked {@code declaredBy} that file; its CPE, when the document gives
 * one, is kept for NVD matching. A purl type vouch has no cataloger for ({@code pkg:bitnami/redis@7.2.4}) stays a
 * generic package with that purl.
 */
public final class EmbeddedSbomCataloger implements FileCataloger {
    private static final int MAX = 32 << 20;
    private static final int MAX_COMPONENTS = 100_000;

    @Override
    public boolean wants(LayerEntry entry) {
        String path = entry.path();
        if (entry.size() > MAX
                || !(path.startsWith("opt/") || path.startsWith("usr/share/") || path.startsWith("usr/local/"))) {
            return false;
        }
        String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return file.endsWith(".spdx.json")
                || file.endsWith(".cdx.json")
                || file.startsWith(".spdx-") && file.endsWith(".spdx");
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        JsonNode doc = Json.tree(BoundedReads.readAll(content, MAX, path), path);
        List<Package> out = new ArrayList<>();
        if (doc.path("spdxVersion").isTextual()) {
            for (JsonNode p : doc.path("packages")) {
                String purl = null;
                String cpe = null;
                for (JsonNode ref : p.path("externalRefs")) {
                    String type = ref.path("referenceType").asText("");
                    if (type.equals("purl") && purl == null) {
                        purl = ref.path("referenceLocator").asText(null);
                    } else if (type.startsWith("cpe23") && cpe == null) {
                        cpe = ref.path("referenceLocator").asText(null);
                    }
                }
                add(
                        out,
                        path,
                        purl,
                        p.path("name").asText(null),
                        p.path("versionInfo").asText(null),
                        cpe);
            }
        } else if (doc.path("bomFormat").asText("").equals("CycloneDX")) {
            Deque<JsonNode> todo = new ArrayDeque<>();
            doc.path("components").forEach(todo::add);
            int seen = 0;
            while (!todo.isEmpty() && ++seen <= MAX_COMPONENTS) {
                JsonNode c = todo.pop();
                c.path("components").forEach(todo::add);
                add(
                        out,
                        path,
                        c.path("purl").asText(null),
                        c.path("name").asText(null),
                        c.path("version").asText(null),
                        c.path("cpe").asText(null));
            }
        } else {
            throw new IOException("neither SPDX (spdxVersion) nor CycloneDX (bomFormat) JSON");
        }
        return Found.of(out);
    }

    private static void add(List<Package> out, String path, String purl, String name, String version, String cpe) {
        if (purl == null || out.size() >= MAX_COMPONENTS) {
            return;
        }
        Package p = PurlPackages.of(purl, name, -1, "");
        if (p == null && name != null && version != null && purl.startsWith("pkg:")) {
            p = new Package(PackageType.BINARY, name, version, purl, List.of(), null, null, null, List.of());
        }
        if (p == null) {
            return;
        }
        p = p.at(List.of()).with("declaredBy", "/" + path);
        out.add(cpe == null ? p : p.with("cpe", cpe));
    }
}
