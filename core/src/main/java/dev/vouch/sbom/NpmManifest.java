package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a project's {@code package.json} says a production install needs (<a
 * href="https://docs.npmjs.com/cli/configuring-npm/package-json">npm docs</a>): its {@code dependencies} and {@code
 * optionalDependencies} (not {@code devDependencies}), and the {@code workspaces} globs whose own package.json files
 * add theirs.
 *
 * @param dependencies name to the range asked for
 * @param workspaces workspace globs relative to the project, as written
 */
record NpmManifest(Map<String, String> dependencies, List<String> workspaces) {
    static NpmManifest parse(byte[] json, String what) {
        JsonNode j = Json.tree(json, what);
        Map<String, String> deps = new LinkedHashMap<>();
        for (String field : List.of("dependencies", "optionalDependencies")) {
            j.path(field).properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    deps.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        List<String> workspaces = new ArrayList<>();
        JsonNode ws = j.path("workspaces");
        (ws.isArray() ? ws : ws.path("packages")).forEach(w -> {
            if (w.isTextual()) {
                workspaces.add(w.asText());
            }
        });
        return new NpmManifest(deps, workspaces);
    }

    /** Whether a directory relative to the project ({@code packages/a}) is one of its workspaces. */
    boolean hasWorkspace(String dir) {
        for (String glob : workspaces) {
            String g = glob.startsWith("./") ? glob.substring(2) : glob;
            g = g.endsWith("/") ? g.substring(0, g.length() - 1) : g;
            StringBuilder re = new StringBuilder();
            for (String part : g.split("/")) {
                re.append(re.length() == 0 ? "" : "/")
                        .append(
                                part.equals("**")
                                        ? ".*"
                                        : java.util.regex.Pattern.quote(part).replace("*", "\\E[^/]*\\Q"));
            }
            if (dir.matches(re.toString())) {
                return true;
            }
        }
        return false;
    }
}
