package dev.vouch.cli.render;

import dev.vouch.inspect.HistoryAlignment;
import dev.vouch.inspect.InspectReport;
import dev.vouch.report.Finding;
import dev.vouch.report.Sizes;
import java.util.List;
import java.util.Map;

/** The text form of {@link InspectReport}: one fact per line, history aligned with layers. */
public final class InspectText {
    private InspectText() {}

    public static String render(InspectReport r) {
        StringBuilder b = new StringBuilder();
        InspectReport.ImageInfo i = r.image();
        line(b, "Image", r.reference().given());
        line(b, "Source", r.reference().source());
        if (!r.reference().names().isEmpty()) {
            line(b, "Names", String.join(", ", r.reference().normalizedNames()));
        }
        line(b, "Digest", i.digest() + (i.manifestSynthesized() ? " (manifest synthesized from docker-archive)" : ""));
        line(b, "Media type", i.mediaType());
        if (i.indexDigest() != null) {
            line(b, "Index", i.indexDigest() + " (" + i.indexMediaType() + ")");
        }
        line(b, "Config", i.configDigest());
        line(b, "Platform", i.platform());
        line(b, "Created", i.created());
        line(b, "Author", i.author());
        InspectReport.RunInfo c = r.config();
        line(b, "Entrypoint", c.entrypoint().isEmpty() ? null : json(c.entrypoint()));
        line(b, "Cmd", c.cmd().isEmpty() ? null : json(c.cmd()));
        line(b, "User", c.user() == null || c.user().isEmpty() ? "(root: no USER set)" : c.user());
        line(b, "Workdir", c.workingDir());
        line(b, "Exposed ports", c.exposedPorts().isEmpty() ? null : String.join(", ", c.exposedPorts()));
        line(b, "Volumes", c.volumes().isEmpty() ? null : String.join(", ", c.volumes()));
        if (c.healthcheck() != null && c.healthcheck().test() != null) {
            line(b, "Healthcheck", json(c.healthcheck().test()));
        }
        line(b, "Stop signal", c.stopSignal());
        section(b, "Env", c.env().stream().map(e -> e.name() + "=" + e.value()).toList());
        section(b, "Labels", pairs(r.labels()));
        section(b, "Annotations", pairs(r.annotations()));
        b.append("Layers (").append(r.layers().size()).append("):\n");
        for (InspectReport.LayerInfo l : r.layers()) {
            b.append(String.format(
                    "  %2d  %s  %10s  %s%s%n",
                    l.index(),
                    l.digest(),
                    Sizes.human(l.size()),
                    l.mediaType(),
                    l.foreign() ? (l.available() ? "  (foreign)" : "  (foreign, not fetched)") : ""));
        }
        b.append("History (").append(r.history().size()).append(" entries):\n");
        for (HistoryAlignment.Step s : r.history()) {
            String where = s.emptyLayer()
                    ? "   (no layer)"
                    : s.layer() == null
                            ? "   (layer ?)"
                            : String.format(
                                    "  layer %2d %s %9s",
                                    s.layer(), s.layerDigest().substring(0, 19), Sizes.human(s.layerSize()));
            b.append(String.format("  %2d%s  %s%n", s.index(), where, oneLine(s.createdBy())));
        }
        findings(b, r.findings());
        return b.toString();
    }

    static void findings(StringBuilder b, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        b.append("Findings:\n");
        for (Finding f : findings) {
            b.append("  ").append(f.severity()).append(' ').append(f.oneLine()).append('\n');
        }
    }

    private static List<String> pairs(Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static void section(StringBuilder b, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        b.append(title).append(":\n");
        for (String l : lines) {
            b.append("  ").append(oneLine(l)).append('\n');
        }
    }

    private static void line(StringBuilder b, String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        b.append(String.format("%-15s%s%n", key + ":", oneLine(value)));
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static String json(List<String> list) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < list.size(); k++) {
            b.append(k == 0 ? "" : ", ")
                    .append('"')
                    .append(list.get(k).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return b.append(']').toString();
    }
}
