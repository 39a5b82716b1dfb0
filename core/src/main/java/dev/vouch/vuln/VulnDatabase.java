package dev.vouch.vuln;

import dev.vouch.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The offline vulnerability database: OSV records in an embedded SQLite file, schema managed by Flyway
 * ({@code db/migration}). An import runs in one transaction, so an import that fails or is interrupted leaves the
 * database as it was. A record replaces one with the same id only if it is at least as new ({@code modified}).
 */
public final class VulnDatabase implements AutoCloseable {
    private final Path file;
    private final Connection db;

    private VulnDatabase(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** Opens (creating it and its directory when missing) and migrates the database at {@code file}. */
    /**
     * Flyway's logger, held here: java.util.logging keeps loggers only weakly, so a level set on one nobody holds is
     * lost at the next garbage collection and Flyway's INFO lines reach the user's terminal.
     */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    public static VulnDatabase open(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        try {
            Flyway.configure()
                    .dataSource(url, null, null)
                    .locations("classpath:db/migration")
                    .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
                    .load()
                    .migrate();
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA mmap_size = 1073741824");
            }
            return new VulnDatabase(file, c);
        } catch (org.flywaydb.core.api.exception.FlywayValidateException e) {
            throw new InvalidInputException(file + ": made by a different vouch schema; delete it and import again");
        } catch (SQLException | org.flywaydb.core.api.FlywayException e) {
            String m = String.valueOf(e.getMessage()).split("\n")[0];
            throw new InvalidInputException(file + ": not a usable vulnerability database (" + m + ")");
        }
    }

    /**
     * What the database holds, in one line per source (name, record count, newest record, import time), read without
     * migrating or writing anything (another process may be importing); empty when there is no data yet. A server
     * compares it to notice new advisories.
     */
    public static java.util.Optional<String> sourcesLine(Path file) {
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT name, records, newest_modified, imported_at FROM source ORDER BY name")) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) {
                b.append(rs.getString(1))
                        .append('|')
                        .append(rs.getInt(2))
                        .append('|')
                        .append(rs.getString(3))
                        .append('|')
                        .append(rs.getString(4))
                        .append('\n');
            }
            return b.length() == 0 ? java.util.Optional.empty() : java.util.Optional.of(b.toString());
        } catch (SQLException e) {
            return java.util.Optional.empty(); // not created yet, or being created
        }
    }

    public Path file() {
        return file;
    }

    /** What an import did. */
    public record ImportResult(int read, int stored, int skippedOlder, long millis) {}

    /** Imports every record of the paths in one transaction; on any error nothing of this import stays. */
    public ImportResult importPaths(List<Path> paths) throws IOException {
        long start = System.nanoTime();
        int[] counts = new int[3];
        try {
            db.setAutoCommit(false);
            try (PreparedStatement existing = db.prepareStatement("SELECT modified FROM advisory WHERE id = ?");
                    PreparedStatement upsert = db.prepareStatement("INSERT INTO advisory (id, modified, withdrawn,"
                            + " summary, aliases, severity, score, severity_from, source)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                            + " modified = excluded.modified, withdrawn = excluded.withdrawn,"
                            + " summary = excluded.summary, aliases = excluded.aliases, severity = excluded.severity,"
                            + " score = excluded.score, severity_from = excluded.severity_from,"
                            + " source = excluded.source");
                    PreparedStatement clear = db.prepareStatement("DELETE FROM affected WHERE advisory_id = ?");
                    PreparedStatement affected = db.prepareStatement("INSERT INTO affected (advisory_id, ecosystem,"
                            + " release, package, ranges, versions, urgency) VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement source = db.prepareStatement("INSERT INTO source (name, records,"
                            + " newest_modified, imported_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                            + " records = excluded.records, newest_modified = excluded.newest_modified,"
                            + " imported_at = excluded.imported_at")) {
                for (Path p : paths) {
                    String name = p.toAbsolutePath().normalize().toString();
                    String[] newest = {null};
                    int n = OsvSources.read(p, a -> {
                        counts[0]++;
                        if (realDate(a.modified())
                                && (newest[0] == null || a.modified().compareTo(newest[0]) > 0)) {
                            newest[0] = a.modified();
                        }
                        try {
                            existing.setString(1, a.id());
                            try (ResultSet rs = existing.executeQuery()) {
                                if (rs.next() && rs.getString(1).compareTo(a.modified()) > 0) {
                                    counts[2]++;
                                    return;
                                }
                            }
                            store(a, name, upsert, clear, affected);
                            counts[1]++;
                        } catch (SQLException e) {
                            throw new IOException(e);
                        }
                    });
                    source.setString(1, name);
                    source.setInt(2, n);
                    source.setString(3, newest[0]);
                    source.setString(
                            4, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                    source.executeUpdate();
                }
                affected.executeBatch();
            }
            try (Statement s = db.createStatement()) {
                s.executeUpdate("DELETE FROM coverage");
                s.executeUpdate("INSERT INTO coverage (ecosystem, release, entries)"
                        + " SELECT ecosystem, release, COUNT(*) FROM affected GROUP BY ecosystem, release");
            }
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new IOException(file + ": import failed: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            rollback();
            throw e;
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is closed with the database
            }
        }
        return new ImportResult(counts[0], counts[1], counts[2], (System.nanoTime() - start) / 1_000_000);
    }

    private static void store(
            Advisory a, String source, PreparedStatement upsert, PreparedStatement clear, PreparedStatement affected)
            throws SQLException {
        upsert.setString(1, a.id());
        upsert.setString(2, a.modified());
        upsert.setString(3, a.withdrawn());
        upsert.setString(4, a.summary());
        upsert.setString(5, String.join(" ", a.aliases()));
        upsert.setString(6, a.severity().word());
        if (a.score() == null) {
            upsert.setNull(7, java.sql.Types.REAL);
        } else {
            upsert.setDouble(7, a.score());
        }
        upsert.setString(8, a.severityFrom());
        upsert.setString(9, source);
        upsert.executeUpdate();
        affected.executeBatch(); // earlier rows of this id must be in before they are cleared
        clear.setString(1, a.id());
        clear.executeUpdate();
        for (Advisory.Affected x : a.affected()) {
            affected.setString(1, a.id());
            affected.setString(2, x.ecosystem());
            affected.setString(3, x.release());
            affected.setString(4, x.name());
            affected.setString(5, x.ranges());
            affected.setString(6, x.versions());
            affected.setString(7, x.urgency());
            affected.addBatch();
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // nothing was committed
        }
    }

    /**
     * The database's state: its sources, records per ecosystem, the newest real modification date, and the date its
     * age is counted from with what gave it.
     *
     * @param newest the newest modification date a record carries (dates before 1990, such as the Go database's
     *     {@code 0001-01-01}, are not real and do not count), or null
     * @param dated the date the database's age is counted from: the newest record's, or the last import of records
     *     that carry no real dates when that is later
     * @param datedBy what {@code dated} is: "newest record" or "import"
     */
    public record Status(
            Path file,
            List<SourceInfo> sources,
            Map<String, Integer> recordsByEcosystem,
            int records,
            String newest,
            String dated,
            String datedBy) {
        /** Days between {@code dated} and {@code now}; -1 when the database is empty. */
        public long ageDays(Instant now) {
            if (dated == null) {
                return -1;
            }
            try {
                return ChronoUnit.DAYS.between(Instant.parse(dated), now);
            } catch (java.time.format.DateTimeParseException e) {
                return -1;
            }
        }
    }

    /** Whether an OSV modification date is a real one (the Go database writes 0001-01-01 in its git form). */
    static boolean realDate(String modified) {
        return modified != null && modified.compareTo("1990") >= 0;
    }

    public record SourceInfo(String name, int records, String newestModified, String importedAt) {}

    public Status status() throws IOException {
        try (Statement s = db.createStatement()) {
            List<SourceInfo> sources = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT name, records, newest_modified, imported_at FROM source ORDER BY name")) {
                while (rs.next()) {
                    sources.add(new SourceInfo(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
                }
            }
            Map<String, Integer> by = new java.util.TreeMap<>();
            try (ResultSet rs = s.executeQuery("SELECT ecosystem || CASE WHEN release = '' THEN '' ELSE ':' || release"
                    + " END, COUNT(DISTINCT advisory_id) FROM affected GROUP BY 1")) {
                while (rs.next()) {
                    by.put(rs.getString(1), rs.getInt(2));
                }
            }
            int records;
            String newest;
            try (ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*), MAX(CASE WHEN modified >= '1990' THEN modified END) FROM advisory")) {
                rs.next();
                records = rs.getInt(1);
                newest = rs.getString(2);
            }
            String undatedImport = null;
            for (SourceInfo src : sources) {
                if (!realDate(src.newestModified())
                        && src.importedAt() != null
                        && (undatedImport == null || src.importedAt().compareTo(undatedImport) > 0)) {
                    undatedImport = src.importedAt();
                }
            }
            boolean byImport = undatedImport != null && (newest == null || undatedImport.compareTo(newest) > 0);
            return new Status(
                    file,
                    sources,
                    by,
                    records,
                    newest,
                    byImport ? undatedImport : newest,
                    byImport ? "import" : newest == null ? null : "newest record");
        } catch (SQLException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** One affected entry of a package, as the matcher evaluates it, with what a match shows of its advisory. */
    record Candidate(
            String advisoryId, String release, String ranges, String versions, String urgency, AdvisoryInfo advisory) {}

    /** What a match shows of its advisory. */
    record AdvisoryInfo(String aliases, String severity, Double score, String scoredBy, String summary) {}

    private static final int LOOKUP_BATCH = 256;

    /**
     * The affected entries of many packages of one ecosystem, by package name (one query per 256 names), each with
     * its advisory; withdrawn advisories are left out here, so they never match.
     */
    Map<String, List<Candidate>> candidates(String ecosystem, String release, java.util.Collection<String> names)
            throws IOException {
        Map<String, List<Candidate>> out = new HashMap<>();
        Map<String, AdvisoryInfo> advisories = new HashMap<>();
        // the release, or a release with a support suffix (Ubuntu's 22.04:LTS); other releases are not read at all
        inBatches(
                "SELECT f.package || char(31) || f.advisory_id || char(31) || f.release || char(31) || f.ranges"
                        + " || char(31) || ifnull(f.versions, '') || char(31) || ifnull(f.urgency, '') || char(31)"
                        + " || a.aliases || char(31) || a.severity || char(31) || ifnull(a.score, '') || char(31)"
                        + " || ifnull(a.severity_from, '') || char(31) || ifnull(a.summary, '')"
                        + " FROM affected f JOIN advisory a ON a.id = f.advisory_id"
                        + " WHERE a.withdrawn IS NULL AND f.ecosystem = ? AND (f.release = ? OR f.release LIKE ?)"
                        + " AND f.package IN (",
                List.of(ecosystem, release, release.isEmpty() ? "\u0000" : release + ":%"),
                names,
                f -> out.computeIfAbsent(f[0], n -> new ArrayList<>())
                        .add(new Candidate(
                                f[1],
                                f[2],
                                f[3],
                                nullIfEmpty(f[4]),
                                nullIfEmpty(f[5]),
                                advisories.computeIfAbsent(
                                        f[1],
                                        id -> new AdvisoryInfo(
                                                f[6],
                                                f[7],
                                                f[8].isEmpty() ? null : Double.valueOf(f[8]),
                                                nullIfEmpty(f[9]),
                                                nullIfEmpty(f[10]))))));
        return out;
    }

    /**
     * Runs {@code sql} (ending in {@code IN (}) for the keys, 256 at a time, after the leading parameters, and
     * hands each row's fields to {@code row}. Each row is one column, its fields joined by US (0x1F, refused in ids
     * and names at import): reading a column costs a native call, and a scan reads thousands of rows.
     */
    private void inBatches(String sql, List<String> leading, java.util.Collection<String> keys, RowFields row)
            throws IOException {
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(keys));
        try {
            for (int from = 0; from < all.size(); from += LOOKUP_BATCH) {
                List<String> part = all.subList(from, Math.min(all.size(), from + LOOKUP_BATCH));
                try (PreparedStatement q = db.prepareStatement(sql + marks(part.size()) + ")")) {
                    int k = 1;
                    for (String p : leading) {
                        q.setString(k++, p);
                    }
                    for (String key : part) {
                        q.setString(k++, key);
                    }
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            row.accept(rs.getString(1).split("\u001f", -1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private interface RowFields {
        void accept(String[] fields);
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** How many affected entries each ecosystem release has ("Debian:12" -> n; "npm" -> n). */
    Map<String, Integer> coverage() throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT ecosystem, release, entries FROM coverage")) {
            while (rs.next()) {
                String release = rs.getString(2);
                out.put(rs.getString(1) + (release.isEmpty() ? "" : ":" + release), rs.getInt(3));
            }
        } catch (SQLException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
