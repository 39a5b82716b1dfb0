package dev.vouch.cli;

import dev.vouch.sbom.Package;
import dev.vouch.sbom.Sbom;
import java.util.Map;
import java.util.TreeMap;

/** The terminal rendering of an SBOM: distribution, counts per kind, then one line per package. */
final class SbomText {
    private SbomText() {}

    static String render(Sbom sbom) {
        StringBuilder b = new StringBuilder();
        b.append(sbom.image()).append(" (").append(sbom.digest()).append(")\n");
        b.append("  os: ")
                .append(
                        sbom.distro() == null
                                ? "unknown"
                                : sbom.distro().prettyName() != null
                                        ? sbom.distro().prettyName()
                                        : sbom.distro().id())
                .append('\n');
        Map<String, Integer> counts = new TreeMap<>();
        for (Package p : sbom.packages()) {
            counts.merge(p.type().purlType(), 1, Integer::sum);
        }
        b.append("  packages: ").append(sbom.packages().size());
        counts.forEach((k, v) -> b.append(", ").append(k).append(' ').append(v));
        b.append('\n');
        for (String n : sbom.notes()) {
            b.append("  note: ").append(n).append('\n');
        }
        for (Package p : sbom.packages()) {
            b.append(String.format(
                    "  %-5s %-36s %-32s layer %d%s%n",
                    p.type().purlType(),
                    p.name(),
                    p.version(),
                    p.layer(),
                    p.sourceName() != null && !p.sourceName().equals(p.name())
                            ? "  (source " + p.sourceName() + ")"
                            : ""));
        }
        return b.toString();
    }
}
