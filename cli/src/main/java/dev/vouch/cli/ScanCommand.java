package dev.vouch.cli;

import dev.vouch.check.render.Wrap;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.Json;
import dev.vouch.sbom.Catalog;
import dev.vouch.sbom.Sbom;
import dev.vouch.vuln.Match;
import dev.vouch.vuln.ScanResult;
import dev.vouch.vuln.VulnDatabase;
import dev.vouch.vuln.VulnMatcher;
import dev.vouch.vuln.VulnSeverity;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vouch scan}: the known vulnerabilities of an image's packages, from the offline database. */
@Command(
        name = "scan",
        description = "Match the image's packages against the offline OSV database (vouch db import/update):"
                + " vulnerabilities by severity with the fixed version, and the packages that could not be assessed.")
final class ScanCommand implements Callable<Integer> {
    @Mixin
    ImageOptions options;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, json, sarif or cyclonedx (the SBOM with its vulnerabilities; default: text).")
    Format format;

    enum Format {
        text,
        json,
        sarif,
        cyclonedx
    }

    @Mixin
    DbOption db;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            description = "Exit 1 when a vulnerability at or above this severity is found (critical, high, medium,"
                    + " low; default: none).")
    String failOn;

    @Option(
            names = "--max-db-age",
            paramLabel = "DAYS",
            description = "Refuse to scan (exit 2) when the newest record is older than this; by default an old"
                    + " database is only a warning.")
    Integer maxDbAge;

    @Option(
            names = "--vex",
            paramLabel = "FILE",
            description = "OpenVEX document; not_affected and fixed statements remove matches (repeatable).")
    List<java.nio.file.Path> vex = new java.util.ArrayList<>();

    @Option(
            names = "--ignore-file",
            paramLabel = "FILE",
            description = "YAML list of vulnerabilities to leave out, each with a reason and an optional expiry date.")
    java.nio.file.Path ignoreFile;

    @Option(
            names = "--sbom",
            paramLabel = "FILE",
            description = "Rescan a CycloneDX or SPDX JSON SBOM (vouch sbom's or another tool's) instead of an image.")
    java.nio.file.Path sbomFile;

    @Spec
    CommandSpec spec;

    /** The JSON report of a scan. */
    record ScanReport(String image, String digest, Database database, ScanResult result) {}

    record Database(String file, int records, String newest, long ageDays) {}

    @Override
    public Integer call() throws Exception {
        VulnSeverity threshold = failOn == null ? null : severity(failOn);
        if ((sbomFile == null) == (options.image == null)) {
            throw new InvalidInputException("give an IMAGE or --sbom FILE (one of them)");
        }
        List<dev.vouch.vuln.VexStatement> statements = new java.util.ArrayList<>();
        for (java.nio.file.Path v : vex) {
            statements.addAll(dev.vouch.vuln.VexDocuments.read(v));
        }
        dev.vouch.vuln.IgnoreFile ignore = ignoreFile == null ? null : dev.vouch.vuln.IgnoreFile.read(ignoreFile);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        for (dev.vouch.vuln.IgnoreFile.Entry e : dev.vouch.vuln.Suppressions.expired(ignore, today)) {
            spec.commandLine()
                    .getErr()
                    .println("vouch: warning: " + ignoreFile + ": the entry for " + e.id() + " expired on "
                            + e.expires() + " and no longer applies");
        }
        // a given SBOM is read first: bad input is refused before anything else is said
        Sbom given;
        try {
            given = sbomFile == null ? null : dev.vouch.sbom.CycloneDxReader.read(sbomFile);
        } catch (OutOfMemoryError e) {
            throw tooLarge(
                    sbomFile + ": its " + java.nio.file.Files.size(sbomFile) + " bytes of SBOM do not fit in memory");
        }
        Path file = db.file(Main.Context.of(spec));
        if (!Files.exists(file)) {
            throw new InvalidInputException(
                    file + ": no vulnerability database yet (vouch db import PATH or vouch db update)");
        }
        try (VulnDatabase d = VulnDatabase.open(file)) {
            VulnDatabase.Status status = d.status();
            long age = status.ageDays(Instant.now());
            if (maxDbAge != null && (age < 0 || age > maxDbAge)) {
                throw new InvalidInputException(file + ": the database is " + age + " days old (" + status.datedBy()
                        + " " + status.dated() + "), over --max-db-age " + maxDbAge);
            }
            if (age > 7) {
                spec.commandLine()
                        .getErr()
                        .println("vouch: warning: the vulnerability database is " + age + " days old ("
                                + status.datedBy() + " " + status.dated() + "); vouch db update");
            }
            Sbom sbom;
            if (given != null) {
                sbom = given;
            } else {
                Catalog catalog = Catalog.standard();
                sbom = ImageWalks.walk(
                        options, spec, List.of(catalog), (image, walk) -> catalog.finish(options.image, image, walk));
            }
            long t0 = System.nanoTime();
            ScanResult result;
            try {
                result = dev.vouch.vuln.Suppressions.apply(
                        VulnMatcher.match(sbom, d),
                        sbom.digest() == null ? "" : sbom.digest().toString(),
                        statements,
                        ignore,
                        today);
            } catch (OutOfMemoryError e) {
                throw tooLarge(
                        "matching " + sbom.packages().size() + " packages against " + status.records() + " records");
            }
            if (spec.root().userObject() instanceof Main m && m.debug) {
                spec.commandLine()
                        .getErr()
                        .printf(
                                "vouch: matched %d packages against %d records in %d ms%n",
                                sbom.packages().size(), status.records(), (System.nanoTime() - t0) / 1_000_000);
            }
            ScanReport report = new ScanReport(
                    sbom.image(),
                    sbom.digest() == null ? null : sbom.digest().toString(),
                    new Database(file.toString(), status.records(), status.newest(), age),
                    result);
            PrintWriter out = spec.commandLine().getOut();
            // every format is written as it is made: a scan can hold a million matches, its report gigabytes
            try {
                if (format == Format.json) {
                    Json.writer()
                            .writer()
                            .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                            .writeValue(out, report);
                    out.println();
                } else if (format == Format.cyclonedx) {
                    dev.vouch.vuln.VulnCycloneDx.write(out, sbom, result, Version.number());
                    out.println();
                } else if (format == Format.sarif) {
                    ScanSarif.write(out, sbom.image(), result);
                    out.println();
                } else {
                    text(report, sbom, out, Terminal.width(Main.Context.of(spec)));
                }
            } catch (OutOfMemoryError e) {
                throw tooLarge("writing the " + format + " report of "
                        + result.matches().size() + " matches");
            }
            out.flush();
            boolean fail = threshold != null
                    && result.matches().stream().anyMatch(m -> m.severity().compareTo(threshold) <= 0);
            return fail ? Main.CHECK_FAILED : Main.OK;
        }
    }

    /**
     * Running out of memory is bad input too: one line naming what was too large (the heap is freed by the time the
     * message is made, since what filled it was held only inside the failed step), exit 2.
     */
    private static InvalidInputException tooLarge(String what) {
        return new InvalidInputException(what + " (raise the heap, e.g. VOUCH_JAVA_OPTS=-Xmx1g)");
    }

    /** The text report, written as it is made (a large scan has a million lines). */
    static void text(ScanReport r, Sbom sbom, PrintWriter out, int width) {
        StringBuilder b = new StringBuilder();
        ScanResult s = r.result();
        Map<VulnSeverity, Integer> counts = new LinkedHashMap<>();
        for (VulnSeverity v : VulnSeverity.values()) {
            counts.put(v, 0);
        }
        long fixable = 0;
        for (Match m : s.matches()) {
            counts.merge(m.severity(), 1, Integer::sum);
            fixable += m.fixAvailable() ? 1 : 0;
        }
        b.append(r.image()).append(": ").append(s.matches().size()).append(" vulnerabilities (");
        StringBuilder parts = new StringBuilder();
        counts.forEach((k, v) -> {
            if (v > 0) {
                parts.append(parts.length() == 0 ? "" : ", ")
                        .append(v)
                        .append(' ')
                        .append(k.word());
            }
        });
        b.append(parts.length() == 0 ? "none" : parts)
                .append("; ")
                .append(fixable)
                .append(" fixable) in ")
                .append(s.packagesAssessed())
                .append(" of ")
                .append(sbom.packages().size())
                .append(" packages assessed\n");
        out.print(b);
        b.setLength(0);
        for (Match m : s.matches()) {
            out.print(String.format(
                    "  %-10s %-20s %-24s %-28s %s%n",
                    m.severity().word(),
                    m.id(),
                    m.packageName(),
                    m.version(),
                    m.fixAvailable() ? "fixed in " + m.fixedVersion() : "no fix yet"));
        }
        for (ScanResult.Suppressed x : s.suppressed()) {
            b.append(Wrap.hanging(
                    "  suppressed: ", x.id() + " " + x.packageName() + ": " + x.reason(), "      ", width));
        }
        for (ScanResult.NotAssessed n : s.notAssessed()) {
            b.append(Wrap.hanging(
                    "  not assessed: ",
                    n.packages() + " packages (" + String.join(", ", n.examples())
                            + (n.packages() > n.examples().size() ? ", …" : "") + "): " + n.reason(),
                    "      ",
                    width));
        }
        for (String note : sbom.notes()) {
            b.append(Wrap.hanging("  note: ", note, "      ", width));
        }
        out.print(b);
    }

    private static VulnSeverity severity(String s) {
        VulnSeverity v = VulnSeverity.ofWord(s);
        if (v == VulnSeverity.UNKNOWN || v == VulnSeverity.NEGLIGIBLE) {
            throw new InvalidInputException(
                    "--fail-on " + s + ": expected critical, high, medium or low".toLowerCase(Locale.ROOT));
        }
        return v;
    }
}
