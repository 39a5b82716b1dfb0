package dev.vouch.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's settings that its API does not report, as {@code dockerd} takes them: a flag on its command line wins
 * over {@code daemon.json} (<a href="https://docs.docker.com/reference/cli/dockerd/">dockerd</a>), and Docker's
 * default applies when neither sets it.
 *
 * @param file {@code daemon.json}, or a missing node when there is none
 * @param args the daemon's command line, or an empty list when it could not be read
 */
public record DaemonConfig(JsonNode file, List<String> args) {
    public DaemonConfig {
        file = file == null ? MissingNode.getInstance() : file;
        args = List.copyOf(args);
    }

    /** A boolean setting: {@code --name}, {@code --name=false}, or the file's key; else the default. */
    public boolean flag(String name, boolean byDefault) {
        for (String a : args) {
            if (a.equals("--" + name)) {
                return true;
            }
            if (a.startsWith("--" + name + "=")) {
                return Boolean.parseBoolean(a.substring(name.length() + 3));
            }
        }
        JsonNode v = file.path(name);
        return v.isBoolean() ? v.asBoolean() : byDefault;
    }

    /** A valued setting: {@code --name V}, {@code --name=V}, a short alias, or the file's key; else null. */
    public String value(String name, String shortName) {
        List<String> all = values(name, shortName, name);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Every value of a repeatable setting, flags and file ({@code -H} and {@code hosts}). */
    public List<String> values(String name, String shortName, String fileKey) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (String n : shortName == null ? List.of("--" + name) : List.of("--" + name, "-" + shortName)) {
                if (a.equals(n) && i + 1 < args.size()) {
                    out.add(args.get(i + 1));
                } else if (a.startsWith(n + "=")) {
                    out.add(a.substring(n.length() + 1));
                }
            }
        }
        JsonNode v = file.path(fileKey);
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        } else if (v.isValueNode()) {
            out.add(v.asText());
        }
        return out;
    }
}
