package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * .NET assemblies' dependency manifests, {@code *.deps.json} (<a
 * href="https://github.com/dotnet/sdk/blob/main/documentation/specs/runtime-configuration-file.md">runtime
 * configuration spec</a>): the NuGet packages ({@code type: package}) of the runtime target, and the runtime packs
 * ({@code type: runtimepack}) a self-contained app carries. The shared frameworks of an installed runtime ({@code
 * shared/Microsoft.NETCore.App/8.0.1/Microsoft.NETCore.App.deps.json}, and ASP.NET Core's) are packages too: a
 * framework's own deps.json that lists no runtime pack is named by its directory.
 */
public final class DotnetCataloger implements FileCataloger {
    private static final int MAX = 16 << 20;
    private static final Pattern FRAMEWORK =
            Pattern.compile("(?:.*/)?shared/(Microsoft\\.[A-Za-z.]+)/(\\d+\\.\\d+\\.\\d+[^/]*)/\\1\\.deps\\.json");

    @Override
    public boolean wants(LayerEntry entry) {
        return entry.size() <= MAX && entry.path().endsWith(".deps.json");
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        JsonNode doc = Json.tree(BoundedReads.readAll(content, MAX, path), path);
        if (!doc.isObject() || !doc.path("libraries").isObject()) {
            throw new IOException("no libraries object: not a .NET deps.json");
        }
        JsonNode target =
                doc.path("targets").path(doc.path("runtimeTarget").path("name").asText(""));
        List<Package> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : doc.path("libraries").properties()) {
            String type = e.getValue().path("type").asText("");
            int slash = e.getKey().lastIndexOf('/');
            if (slash <= 0 || !(type.equals("package") || type.equals("runtimepack"))) {
                continue; // project: the app itself or a project reference, not a NuGet release
            }
            if (type.equals("package") && target.isObject() && !target.has(e.getKey())) {
                continue; // compile-time only: not in the runtime target
            }
            String name = e.getKey().substring(0, slash);
            name = name.startsWith("runtimepack.") ? name.substring("runtimepack.".length()) : name;
            Package p =
                    Packages.of(PackageType.NUGET, null, name, e.getKey().substring(slash + 1), List.of(), Map.of());
            if (p != null) {
                out.add(type.equals("runtimepack") ? p.with("evidence", "runtime pack in " + path) : p);
            }
        }
        Matcher fw = FRAMEWORK.matcher(path);
        if (fw.matches() && out.stream().noneMatch(p -> p.name().startsWith(fw.group(1)))) {
            out.add(Packages.of(PackageType.NUGET, null, fw.group(1), fw.group(2), List.of(), Map.of())
                    .with("evidence", "shared framework directory " + fw.group(1) + "/" + fw.group(2)));
        }
        return Found.of(out);
    }
}
