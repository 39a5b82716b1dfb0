package dev.vouch.check.render;

import dev.vouch.check.HtmlModel;
import dev.vouch.check.TrustReport;
import dev.vouch.fs.Remnant;
import dev.vouch.fs.WalkResult;
import dev.vouch.image.Image;
import dev.vouch.inspect.HistoryAlignment;
import dev.vouch.sbom.Package;
import dev.vouch.sbom.Sbom;
import dev.vouch.trace.Reconciliation;
import dev.vouch.trace.TraceReport;
import dev.vouch.vuln.ScanResult;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML report: one self-contained file (inline style and script, a Content-Security-Policy that forbids any
 * request) rendered from the precompiled jte template {@code src/main/jte/report.jte}, every value HTML-escaped.
 */
public final class HtmlReport {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private HtmlReport() {}

    /** The report page of a model. */
    public static String render(HtmlModel model) {
        StringOutput out = new StringOutput();
        ENGINE.render("report.jte", model, out);
        return out.toString();
    }

    /** The page model of a check: the report, each layer with its remnants and Dockerfile line, packages, vulnerabilities. */
    public static HtmlModel model(
            TrustReport report, Image image, WalkResult walk, Sbom sbom, TraceReport trace, ScanResult scan) {
        HistoryAlignment.Result history = HistoryAlignment.align(image);
        Map<Integer, Integer> lines = new HashMap<>();
        Reconciliation rec = trace.reconciliation();
        if (rec != null) {
            rec.layers().forEach(l -> lines.put(l.layer(), l.line()));
        }
        Map<Integer, Long> remnants = new HashMap<>();
        for (Remnant r : walk.remnants()) {
            remnants.merge(r.layer(), r.size(), Long::sum);
        }
        long max = 1;
        for (var l : image.layers()) {
            max = Math.max(max, l.descriptor().size());
        }
        List<HtmlModel.LayerRow> layers = new ArrayList<>();
        for (var l : image.layers()) {
            long size = l.descriptor().size();
            String by = history.createdBy(l.index());
            layers.add(new HtmlModel.LayerRow(
                    l.index(),
                    l.descriptor().digest().toString(),
                    size,
                    remnants.getOrDefault(l.index(), 0L),
                    by == null ? "" : by,
                    lines.get(l.index()),
                    (int) Math.max(1, Math.round(100.0 * size / max))));
        }
        List<HtmlModel.PackageRow> packages = new ArrayList<>();
        for (Package p : sbom.packages()) {
            packages.add(new HtmlModel.PackageRow(p.type().purlType(), p.name(), p.version(), p.layer()));
        }
        return new HtmlModel(report, layers, packages, HtmlModel.vulnRows(scan));
    }
}
