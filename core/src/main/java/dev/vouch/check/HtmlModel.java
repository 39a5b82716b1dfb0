package dev.vouch.check;

import dev.vouch.vuln.ScanResult;
import java.util.List;

/**
 * What the HTML report shows beyond the {@link TrustReport}: the layers (size, remnant bytes, the history command and
 * the Dockerfile line that made each), the packages and the vulnerabilities, as table rows.
 *
 * @param report the report, or null in a page {@link #withoutReport() stored beside its report}
 */
public record HtmlModel(
        TrustReport report, List<LayerRow> layers, List<PackageRow> packages, List<VulnRow> vulnerabilities) {
    public HtmlModel {
        layers = List.copyOf(layers);
        packages = List.copyOf(packages);
        vulnerabilities = List.copyOf(vulnerabilities);
    }

    /** One layer; {@code widthPercent} is its size against the largest layer's, for the chart. */
    public record LayerRow(
            int index, String digest, long size, long remnantBytes, String createdBy, Integer line, int widthPercent) {}

    public record PackageRow(String type, String name, String version, int layer) {}

    public record VulnRow(String id, String packageName, String version, String severity, String fixedVersion) {}

    /** The rows of the vulnerabilities table, in the scan's order. */
    public static List<VulnRow> vulnRows(ScanResult scan) {
        if (scan == null) {
            return List.of();
        }
        return scan.matches().stream()
                .map(v -> new VulnRow(
                        v.id(),
                        v.packageName(),
                        v.version(),
                        v.severity().name().toLowerCase(java.util.Locale.ROOT),
                        v.fixedVersion()))
                .toList();
    }

    /** This page with another report and the vulnerabilities of another scan (the image's SBOM matched again). */
    public HtmlModel rematched(TrustReport next, ScanResult scan) {
        return new HtmlModel(next, layers, packages, vulnRows(scan));
    }

    /** The Dockerfile line that made each layer, by layer index, where the reconciliation found one. */
    public java.util.Map<Integer, Integer> lineOfLayer() {
        java.util.Map<Integer, Integer> out = new java.util.HashMap<>();
        layers.stream().filter(l -> l.line() != null).forEach(l -> out.put(l.index(), l.line()));
        return out;
    }

    /** This page as stored beside its report: the report left out (null), as it is kept once already. */
    public HtmlModel withoutReport() {
        return new HtmlModel(null, layers, packages, vulnerabilities);
    }

    /** The sections with their short names, in report order. */
    public List<Named> sections() {
        return List.of(
                new Named("identity", report.identity()),
                new Named("origin", report.origin()),
                new Named("build", report.build()),
                new Named("contents", report.contents()),
                new Named("runtime", report.runtime()));
    }

    public record Named(String name, Section section) {
        public String statusClass() {
            return section.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public String statusText() {
            return section.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** The verdict's CSS class: pass, fail or open. */
    public String verdictClass() {
        return switch (report.verdict()) {
            case "pass" -> "pass";
            case "fail", "integrity failed" -> "fail";
            default -> "open";
        };
    }
}
