package dev.vouch.cli.render;

import dev.vouch.fs.Efficiency;
import dev.vouch.fs.Remnant;
import dev.vouch.inspect.LayersReport;
import dev.vouch.report.Sizes;
import java.util.List;
import java.util.Locale;

/** The text form of {@link LayersReport}: a table of layers, then totals, remnants and risky permissions. */
public final class LayersText {
    private LayersText() {}

    public static String render(LayersReport r) {
        StringBuilder b = new StringBuilder();
        b.append("Image:   ").append(r.reference().given()).append('\n');
        b.append("Digest:  ").append(r.digest()).append("\n\n");
        b.append(String.format(
                "%3s  %-19s  %10s  %10s  %6s  %6s  %6s  %10s  %s%n",
                "#", "digest", "size", "unpacked", "added", "modif", "remov", "remnant", "created by"));
        for (LayersReport.LayerRow l : r.layers()) {
            b.append(String.format(
                    "%3d  %-19s  %10s  %10s  %6s  %6s  %6s  %10s  %s%n",
                    l.index(),
                    l.digest().substring(0, 19),
                    Sizes.human(l.compressedSize()),
                    l.read() ? Sizes.human(l.uncompressedSize()) : "not read",
                    l.read() ? l.filesAdded() : "-",
                    l.read() ? l.filesModified() : "-",
                    l.read() ? l.filesRemoved() : "-",
                    Sizes.human(l.remnantBytes()),
                    cut(InspectText.oneLine(l.createdBy()), 70)));
        }
        LayersReport.Totals t = r.totals();
        Efficiency e = r.efficiency();
        b.append('\n');
        b.append(String.format(
                "Total:        %d layers, %s compressed, %s unpacked; final filesystem %d files, %s%n",
                t.layers(),
                Sizes.human(t.compressedBytes()),
                Sizes.human(t.uncompressedBytes()),
                t.files(),
                Sizes.human(t.finalBytes())));
        b.append(String.format(
                Locale.ROOT,
                "Efficiency:   %.2f %%, wasted %s (files duplicated or removed across layers)%n",
                e.score() * 100,
                Sizes.human(e.wastedBytes())));
        for (Efficiency.Waste w : e.top().subList(0, Math.min(10, e.top().size()))) {
            b.append(String.format(
                    "  %10s  %dx  %s%n",
                    Sizes.human(w.cumulativeBytes()), w.occurrences(), InspectText.oneLine(w.path())));
        }
        List<Remnant> remnants = r.remnants();
        b.append(String.format(
                "Remnants:     %d files, %s still shipped in lower layers%n",
                remnants.size(), Sizes.human(t.remnantBytes())));
        for (Remnant x : remnants) {
            b.append(String.format(
                    "  %10s  layer %d, %s by layer %d  %s%n",
                    Sizes.human(x.size()),
                    x.layer(),
                    x.overwritten() ? "overwritten" : "deleted",
                    x.removedBy(),
                    InspectText.oneLine(x.path())));
        }
        paths(b, "Setuid/setgid", r.setuidSetgid());
        paths(b, "World-writable", r.worldWritable());
        paths(b, "Devices", r.devices());
        InspectText.findings(b, r.findings());
        return b.toString();
    }

    private static void paths(StringBuilder b, String title, List<LayersReport.PathRow> rows) {
        b.append(String.format("%-14s%d%n", title + ":", rows.size()));
        for (LayersReport.PathRow p : rows) {
            b.append(String.format(
                    "  %s  %s %d:%d  layer %d  %s%n",
                    p.mode(), p.kind(), p.uid(), p.gid(), p.layer(), InspectText.oneLine(p.path())));
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
