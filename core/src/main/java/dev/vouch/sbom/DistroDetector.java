package dev.vouch.sbom;

import java.util.List;
import java.util.Optional;

/**
 * Finds the distribution: {@code etc/os-release}, then {@code usr/lib/os-release}, then the release files that
 * predate os-release ({@code etc/alpine-release}, {@code etc/debian_version}, {@code etc/redhat-release}).
 */
final class DistroDetector {
    private DistroDetector() {}

    static final List<String> FILES = List.of(
            "etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version", "etc/redhat-release");

    static boolean wants(String path) {
        return FILES.contains(path);
    }

    static Distro detect(CatalogContext ctx) {
        for (String f : FILES.subList(0, 2)) {
            Optional<Distro> d = ctx.finalText(f).map(t -> Distro.parseOsRelease(t, f));
            if (d.isPresent()) {
                return d.get();
            }
        }
        Optional<String> alpine = ctx.finalText("etc/alpine-release");
        if (alpine.isPresent()) {
            return new Distro("alpine", firstLine(alpine.get()), null, null, "etc/alpine-release");
        }
        Optional<String> debian = ctx.finalText("etc/debian_version");
        if (debian.isPresent()) {
            String v = firstLine(debian.get());
            // "12.5" -> release 12; testing images say "trixie/sid"
            String major = v.matches("[0-9]+(\\.[0-9]+)*") ? v.split("\\.")[0] : null;
            return new Distro("debian", major, major == null ? v : null, null, "etc/debian_version");
        }
        return ctx.finalText("etc/redhat-release")
                .map(t -> new Distro("rhel", releaseNumber(t), null, firstLine(t), "etc/redhat-release"))
                .orElse(null);
    }

    private static String firstLine(String s) {
        String line = s.strip().split("\n", 2)[0].strip();
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static String releaseNumber(String s) {
        var m = java.util.regex.Pattern.compile("release ([0-9]+)").matcher(s);
        return m.find() ? m.group(1) : null;
    }
}
