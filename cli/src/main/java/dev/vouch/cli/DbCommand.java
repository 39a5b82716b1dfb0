package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.error.RegistryException;
import dev.vouch.vuln.VulnDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch db}: the offline vulnerability database (OSV records in SQLite). */
@Command(
        name = "db",
        description = "The offline vulnerability database: import OSV data, show its state, download it.",
        subcommands = {DbCommand.Import.class, DbCommand.Status.class, DbCommand.Update.class})
final class DbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.OK;
    }

    static void printImport(PrintWriter out, VulnDatabase.ImportResult r) {
        double rate = r.millis() == 0 ? r.read() : r.read() * 1000.0 / r.millis();
        out.printf(
                "imported %d records (%d stored, %d older than what the database has) in %.2f s, %.0f records/s%n",
                r.read(), r.stored(), r.skippedOlder(), r.millis() / 1000.0, rate);
    }

    /** {@code vouch db import PATH...}. */
    @Command(
            name = "import",
            description = "Import OSV records from .json files, directories of them, or OSV's per-ecosystem zips"
                    + " (all.zip), in one transaction: a failed import changes nothing.")
    static final class Import implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<Path> paths;

        @Mixin
        DbOption db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (VulnDatabase d = VulnDatabase.open(db.file(Main.Context.of(spec)))) {
                printImport(spec.commandLine().getOut(), d.importPaths(paths));
            }
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }

    /** {@code vouch db status}. */
    @Command(name = "status", description = "Show the database's sources, records per ecosystem and age.")
    static final class Status implements Callable<Integer> {
        @Mixin
        DbOption db;

        @Mixin
        TextOrJson output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path file = db.file(Main.Context.of(spec));
            if (!Files.exists(file)) {
                throw new InvalidInputException(
                        file + ": no vulnerability database yet (vouch db import PATH or vouch" + " db update)");
            }
            try (VulnDatabase d = VulnDatabase.open(file)) {
                VulnDatabase.Status s = d.status();
                ReportOutput.print(spec.commandLine().getOut(), output.format, s, Status::text);
            }
            return Main.OK;
        }

        static String text(VulnDatabase.Status s) {
            StringBuilder b = new StringBuilder();
            long age = s.ageDays(Instant.now());
            b.append(s.file())
                    .append(": ")
                    .append(s.records())
                    .append(" records")
                    .append(
                            s.dated() == null
                                    ? ""
                                    : s.datedBy().equals("import")
                                            ? ", imported " + s.dated() + " (" + age
                                                    + " days ago; its newest records carry no modification dates)"
                                            : ", newest modified " + s.dated() + " (" + age + " days ago)")
                    .append('\n');
            s.recordsByEcosystem().forEach((e, n) -> b.append(String.format("  %-28s %8d%n", e, n)));
            for (VulnDatabase.SourceInfo src : s.sources()) {
                b.append("  source ")
                        .append(src.name())
                        .append(": ")
                        .append(src.records())
                        .append(" records, imported ")
                        .append(src.importedAt())
                        .append('\n');
            }
            return b.toString();
        }
    }

    /** {@code vouch db update}. */
    @Command(
            name = "update",
            description = "Download OSV's per-ecosystem zips (ECOSYSTEM/all.zip under --url) and import them.")
    static final class Update implements Callable<Integer> {
        static final String DEFAULT_URL = "https://osv-vulnerabilities.storage.googleapis.com";

        @Option(names = "--url", paramLabel = "BASE", description = "Mirror base URL (default: " + DEFAULT_URL + ").")
        String url = DEFAULT_URL;

        @Option(
                names = "--ecosystem",
                paramLabel = "NAME",
                split = ",",
                description = "Ecosystems to fetch (default: Debian, Ubuntu, Alpine, Maven, npm, PyPI, Go).")
        List<String> ecosystems = List.of("Debian", "Ubuntu", "Alpine", "Maven", "npm", "PyPI", "Go");

        @Mixin
        DbOption db;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path file = db.file(Main.Context.of(spec));
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(15))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            List<Path> zips = new ArrayList<>();
            try {
                for (String eco : ecosystems) {
                    URI uri = URI.create(url.replaceAll("/+$", "") + "/" + eco + "/all.zip");
                    Path tmp = Files.createTempFile(dir, "osv-" + eco + "-", ".zip");
                    zips.add(tmp);
                    HttpResponse<InputStream> r;
                    try {
                        r = http.send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofMinutes(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                    } catch (IOException e) {
                        throw new RegistryException(uri + ": cannot download (" + describe(e)
                                + "); offline? import a local copy with vouch db import, or give --url of a mirror");
                    }
                    try (InputStream in = r.body()) {
                        if (r.statusCode() != 200) {
                            throw new RegistryException(uri + ": HTTP " + r.statusCode());
                        }
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                    spec.commandLine().getErr().println("downloaded " + uri);
                }
                try (VulnDatabase d = VulnDatabase.open(file)) {
                    printImport(spec.commandLine().getOut(), d.importPaths(zips));
                }
            } finally {
                for (Path z : zips) {
                    Files.deleteIfExists(z);
                }
            }
            spec.commandLine().getOut().flush();
            return Main.OK;
        }

        private static String describe(IOException e) {
            String m = e.getMessage();
            return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        }
    }
}
