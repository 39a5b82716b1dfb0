package dev.vouch.server.store;

import dev.vouch.error.InvalidInputException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * What {@code vouch serve} keeps: the work queue, one result per image digest, where digests were pushed, verdict
 * changes. SQLite for one node, PostgreSQL for replicas that share the queue (their workers take jobs with {@code FOR
 * UPDATE SKIP LOCKED}, <a href="https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE">the
 * locking clause</a>); the same Flyway migrations ({@code db/server}) make both.
 */
public final class ServerStore implements AutoCloseable {
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    /** The advisory lock key under which replicas migrate ("vouch" in ASCII). */
    private static final long MIGRATION_LOCK = 0x766f756368L;

    private final ConnectionPool pool;
    private final boolean postgres;
    private final String name;

    private ServerStore(ConnectionPool pool, boolean postgres, String name) {
        this.pool = pool;
        this.postgres = postgres;
        this.name = name;
    }

    /** Opens (and migrates) {@code postgresql://user:password@host:port/database} or an SQLite file. */
    public static ServerStore open(String location) {
        boolean pg = location.startsWith("postgresql://") || location.startsWith("postgres://");
        String url;
        Properties props = new Properties();
        String shown;
        if (pg) {
            URI u;
            try {
                u = URI.create(location);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--db: not a postgresql:// URL (" + e.getMessage() + ")");
            }
            if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2) {
                throw new InvalidInputException("--db: give postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE");
            }
            if (u.getRawUserInfo() != null) {
                String[] ui = u.getRawUserInfo().split(":", 2);
                props.setProperty("user", URLDecoder.decode(ui[0], StandardCharsets.UTF_8));
                if (ui.length == 2) {
                    props.setProperty("password", URLDecoder.decode(ui[1], StandardCharsets.UTF_8));
                }
            }
            url = "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getRawPath()
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            shown = "postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getRawPath();
        } else {
            Path file = Path.of(location).toAbsolutePath();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
            } catch (java.io.IOException e) {
                throw new InvalidInputException("--db " + location + ": cannot create its directory (" + e + ")");
            }
            url = "jdbc:sqlite:" + file;
            shown = file.toString();
        }
        migrate(url, props, pg, shown);
        ConnectionPool pool = new ConnectionPool(url, props, 8, c -> {
            if (!pg) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 10000");
                    s.execute("PRAGMA journal_mode = WAL");
                }
            }
        });
        return new ServerStore(pool, pg, shown);
    }

    /**
     * Runs the migrations. Replicas that start together on an empty PostgreSQL database would race to create Flyway's
     * history table, so there they migrate one at a time under a session-level advisory lock.
     */
    private static void migrate(String url, Properties props, boolean pg, String shown) {
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        Connection lock = null;
        try {
            if (pg) {
                lock = java.sql.DriverManager.getConnection(url, props);
                try (Statement s = lock.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
                }
            }
            Flyway.configure()
                    .dataSource(url, props.getProperty("user"), props.getProperty("password"))
                    .locations("classpath:db/server")
                    .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
                    .load()
                    .migrate();
        } catch (org.flywaydb.core.api.FlywayException | SQLException e) {
            throw new InvalidInputException(
                    shown + ": not a usable vouch server database (" + firstLine(e.getMessage()) + ")", e);
        } finally {
            if (lock != null) {
                try {
                    lock.close(); // ends the session, which releases the lock
                } catch (SQLException ignored) {
                    // the session is gone either way
                }
            }
        }
    }

    private static String firstLine(String s) {
        return String.valueOf(s).split("\n")[0];
    }

    public boolean shared() {
        return postgres;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        Connection c;
        try {
            c = pool.borrow();
        } catch (SQLException e) {
            throw new StoreException(name + ": " + firstLine(e.getMessage()), e);
        }
        boolean broken = false;
        try {
            return work.run(c);
        } catch (SQLException e) {
            broken = true;
            throw new StoreException(name + ": " + firstLine(e.getMessage()), e);
        } finally {
            pool.giveBack(c, broken);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        return withConnection(c -> {
            c.setAutoCommit(false);
            try {
                T t = work.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /**
     * Queues a job unless one with the same kind and subject exists; with {@code again}, a finished or failed one is
     * queued once more. True when something was queued.
     */
    public boolean enqueue(String kind, String subject, String reference, boolean again, long now) {
        return withConnection(c -> {
            String sql = "INSERT INTO jobs (kind, subject, reference, state, attempts, created_at, updated_at)"
                    + " VALUES (?, ?, ?, 'queued', 0, ?, ?) ON CONFLICT (kind, subject) DO "
                    + (again
                            ? "UPDATE SET state = 'queued', attempts = 0, reference = excluded.reference,"
                                    + " created_at = excluded.created_at, updated_at = excluded.updated_at,"
                                    + " error = NULL WHERE jobs.state IN ('done', 'failed')"
                            : "NOTHING");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, kind);
                ps.setString(2, subject);
                ps.setString(3, reference);
                ps.setLong(4, now);
                ps.setLong(5, now);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Takes the oldest job that is queued, or running under a lease that ran out (its replica died), for {@code
     * owner} until {@code now + lease}. Jobs taken {@code maxAttempts} times are given up first.
     */
    public Optional<Job> claim(String owner, Duration lease, int maxAttempts, long now) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE jobs SET state = 'failed', owner = NULL, lease_until = NULL, updated_at = ?, error = ?"
                            + " WHERE state = 'running' AND lease_until < ? AND attempts >= ?")) {
                ps.setLong(1, now);
                ps.setString(2, "given up after " + maxAttempts + " attempts: the replica checking it stopped");
                ps.setLong(3, now);
                ps.setInt(4, maxAttempts);
                ps.executeUpdate();
            }
            String pick = "SELECT kind, subject FROM jobs WHERE state = 'queued' OR (state = 'running' AND"
                    + " lease_until < ?) ORDER BY created_at LIMIT 1" + (postgres ? " FOR UPDATE SKIP LOCKED" : "");
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE jobs SET state = 'running', owner = ?, lease_until = ?, attempts = attempts + 1,"
                            + " updated_at = ? WHERE (kind, subject) = (" + pick + ")"
                            + " RETURNING kind, subject, reference, attempts, created_at")) {
                ps.setString(1, owner);
                ps.setLong(2, now + lease.toMillis());
                ps.setLong(3, now);
                ps.setLong(4, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Job(
                                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)))
                            : Optional.<Job>empty();
                }
            }
        });
    }

    /** Extends the leases of the jobs {@code owner} is running (its heartbeat). */
    public int renew(String owner, Duration lease, long now) {
        return withConnection(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE jobs SET lease_until = ? WHERE state = 'running' AND owner = ?")) {
                ps.setLong(1, now + lease.toMillis());
                ps.setString(2, owner);
                return ps.executeUpdate();
            }
        });
    }

    /** Stores an image's result and marks its check job done, in one transaction. */
    public void finish(Job job, StoredImage image, long now) {
        inTransaction(c -> {
            upsert(c, image);
            done(c, job, null, now);
            return null;
        });
    }

    /** Marks a job done without a result (a rematch). */
    public void finish(Job job, long now) {
        withConnection(c -> {
            done(c, job, null, now);
            return null;
        });
    }

    private static void done(Connection c, Job job, String error, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE jobs SET state = 'done', owner = NULL, lease_until = NULL, updated_at = ?, error = ?"
                        + " WHERE kind = ? AND subject = ?")) {
            ps.setLong(1, now);
            ps.setString(2, error);
            ps.setString(3, job.kind());
            ps.setString(4, job.subject());
            ps.executeUpdate();
        }
    }

    /**
     * A job that failed: queued again while attempts remain, else failed with its error. Only while {@code owner} still
     * holds it: a job another replica took over (or that was given back) is left to its new holder.
     */
    public void fail(Job job, String owner, String error, int maxAttempts, long now) {
        withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE jobs SET state = ?, owner = NULL, lease_until = NULL, updated_at = ?, error = ?"
                            + " WHERE kind = ? AND subject = ? AND state = 'running' AND owner = ?")) {
                ps.setString(1, job.attempts() >= maxAttempts ? "failed" : "queued");
                ps.setLong(2, now);
                ps.setString(3, error);
                ps.setString(4, job.kind());
                ps.setString(5, job.subject());
                ps.setString(6, owner);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Gives back the jobs {@code owner} is running, as if never taken (the attempt is not counted): what a replica
     * that is stopped does with the checks it could not finish in its grace period, so that another replica takes
     * them at once instead of when their lease runs out. Returns how many.
     */
    public int release(String owner, long now) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE jobs SET state = 'queued', owner = NULL, lease_until = NULL, attempts = attempts - 1,"
                            + " updated_at = ? WHERE state = 'running' AND owner = ?")) {
                ps.setLong(1, now);
                ps.setString(2, owner);
                return ps.executeUpdate();
            }
        });
    }

    /** Stores (or replaces) an image's result outside the queue (an admission check). */
    public void put(StoredImage image) {
        withConnection(c -> {
            upsert(c, image);
            return null;
        });
    }

    private static void upsert(Connection c, StoredImage i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO images (digest, reference, verdict, report, sbom, html, page, checked_at, checked_by,"
                        + " rematched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (digest) DO UPDATE SET"
                        + " reference = excluded.reference, verdict = excluded.verdict, report = excluded.report,"
                        + " sbom = excluded.sbom, html = excluded.html, page = excluded.page,"
                        + " checked_at = excluded.checked_at, checked_by = excluded.checked_by,"
                        + " rematched_at = excluded.rematched_at")) {
            ps.setString(1, i.digest());
            ps.setString(2, i.reference());
            ps.setString(3, i.verdict());
            ps.setString(4, i.report());
            ps.setString(5, i.sbom());
            ps.setString(6, i.html());
            ps.setString(7, i.page());
            ps.setLong(8, i.checkedAt());
            ps.setString(9, i.checkedBy());
            ps.setLong(10, i.rematchedAt());
            ps.executeUpdate();
        }
    }

    /** Records that {@code digest} was pushed to {@code repository} (as {@code tag}, when there was one). */
    public void seen(String repository, String digest, String tag, long now) {
        withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO image_repositories (repository, digest, tag, seen_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (repository, digest) DO UPDATE SET seen_at = excluded.seen_at,"
                            + " tag = COALESCE(excluded.tag, image_repositories.tag)")) {
                ps.setString(1, repository);
                ps.setString(2, digest);
                ps.setString(3, tag);
                ps.setLong(4, now);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<StoredImage> image(String digest) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT digest, reference, verdict, report, sbom, html, page, checked_at, checked_by,"
                            + " rematched_at FROM images WHERE digest = ?")) {
                ps.setString(1, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(stored(rs)) : Optional.<StoredImage>empty();
                }
            }
        });
    }

    private static StoredImage stored(ResultSet rs) throws SQLException {
        return new StoredImage(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getLong(8),
                rs.getString(9),
                rs.getLong(10));
    }

    /** The most recently checked images, newest first; only those pushed to {@code repository} when it is given. */
    public List<ImageSummary> images(String repository, int limit) {
        return withConnection(c -> {
            String sql = repository == null
                    ? "SELECT digest, reference, verdict, checked_at, rematched_at FROM images"
                            + " ORDER BY checked_at DESC, digest LIMIT ?"
                    : "SELECT i.digest, i.reference, i.verdict, i.checked_at, i.rematched_at FROM images i"
                            + " JOIN image_repositories r ON r.digest = i.digest WHERE r.repository = ?"
                            + " ORDER BY i.checked_at DESC, i.digest LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int n = 1;
                if (repository != null) {
                    ps.setString(n++, repository);
                }
                ps.setInt(n, limit);
                List<ImageSummary> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ImageSummary(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * The version ({@link StoredImage#version()}) of every result stored or matched again at or after {@code since}:
     * what other replicas look at to forget judgements made from older results.
     */
    public Map<String, Long> versionsSince(long since) {
        return withConnection(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT digest, checked_at, rematched_at FROM images WHERE checked_at >= ? OR rematched_at >= ?")) {
                ps.setLong(1, since);
                ps.setLong(2, since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), Math.max(rs.getLong(2), rs.getLong(3)));
                    }
                }
            }
            return out;
        });
    }

    /** Every stored digest, in order: what a rematch walks (one result at a time, so memory stays bounded). */
    public List<String> digests() {
        return withConnection(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT digest FROM images ORDER BY digest")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /**
     * Replaces a stored result's report, verdict and pages after its vulnerabilities were matched again; when the
     * verdict changed, records the change in the same transaction.
     *
     * @param html the HTML report rendered again, or null to keep the stored one
     * @param page its model, or null to keep the stored one
     */
    public void rematched(
            String digest, String verdict, String report, String html, String page, VerdictChange change, long now) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE images SET verdict = ?, report = ?,"
                    + " html = COALESCE(?, html), page = COALESCE(?, page), rematched_at = ? WHERE digest = ?")) {
                ps.setString(1, verdict);
                ps.setString(2, report);
                ps.setString(3, html);
                ps.setString(4, page);
                ps.setLong(5, now);
                ps.setString(6, digest);
                ps.executeUpdate();
            }
            if (change != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO verdict_changes (digest, changed_at, old_verdict, new_verdict, reason)"
                                + " VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, change.digest());
                    ps.setLong(2, change.changedAt());
                    ps.setString(3, change.oldVerdict());
                    ps.setString(4, change.newVerdict());
                    ps.setString(5, change.reason());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    public List<VerdictChange> changes(String digest) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT digest, changed_at, old_verdict, new_verdict, reason FROM verdict_changes"
                            + " WHERE digest = ? ORDER BY changed_at")) {
                ps.setString(1, digest);
                List<VerdictChange> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new VerdictChange(
                                rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    /** How many jobs are in each state (queued, running, done, failed). */
    public Map<String, Integer> jobStates() {
        return withConnection(c -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (String s : List.of("queued", "running", "done", "failed")) {
                out.put(s, 0);
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM jobs GROUP BY state")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /** A job's state and error, for the API and tests. */
    public Optional<String[]> job(String kind, String subject) {
        return withConnection(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT state, attempts, error FROM jobs WHERE kind = ? AND subject = ?")) {
                ps.setString(1, kind);
                ps.setString(2, subject);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new String[] {rs.getString(1), String.valueOf(rs.getInt(2)), rs.getString(3)})
                            : Optional.<String[]>empty();
                }
            }
        });
    }

    public Optional<String> state(String key) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM server_state WHERE name = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public void state(String key, String value) {
        withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO server_state (name, value) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A layer's stored results (a LayerResultCodec record), refreshing when it was last used; empty if none. */
    public Optional<byte[]> layerResult(String key, long now) {
        return withConnection(c -> {
            byte[] body = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM layer_results WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        body = java.util.Base64.getDecoder().decode(rs.getString(1));
                    }
                }
            }
            if (body != null) {
                markUsed(c, key, now);
            }
            return Optional.ofNullable(body);
        });
    }

    /** Whether a layer's results are stored. */
    public boolean hasLayerResult(String key) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM layer_results WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Keeps a layer's results (whole, in one statement) and ends the claim on it. */
    public void putLayerResult(String key, String blob, String diffId, byte[] body, long now) {
        withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO layer_results (key, blob, diff_id, body, stored_at, used_at) VALUES (?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (key) DO NOTHING")) {
                ps.setString(1, key);
                ps.setString(2, blob);
                ps.setString(3, diffId);
                ps.setString(4, java.util.Base64.getEncoder().encodeToString(body));
                ps.setLong(5, now);
                ps.setLong(6, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM layer_claims WHERE key = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Records that a layer's stored results were used now (restored from a replica's memory, not read here). */
    public void touchLayerResult(String key, long now) {
        withConnection(c -> {
            markUsed(c, key, now);
            return null;
        });
    }

    private static void markUsed(Connection c, String key, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE layer_results SET used_at = ? WHERE key = ?")) {
            ps.setLong(1, now);
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }

    /**
     * Removes the stored results last used before {@code usedBefore} (those of an older build of vouch among them,
     * whose key no check asks for again), and the claims whose lease ran out by then. Returns how many results went.
     */
    public int pruneLayerResults(long usedBefore) {
        return withConnection(c -> {
            int removed;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM layer_results WHERE used_at < ?")) {
                ps.setLong(1, usedBefore);
                removed = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM layer_claims WHERE lease_until < ?")) {
                ps.setLong(1, usedBefore);
                ps.executeUpdate();
            }
            return removed;
        });
    }

    /** Removes stored results that are not intact. */
    public void dropLayerResult(String key) {
        withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM layer_results WHERE key = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Claims the reading of a layer; false while another owner's lease on it runs. */
    public boolean claimLayer(String key, String owner, long leaseUntil, long now) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO layer_claims (key, owner, lease_until) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE"
                            + " SET owner = excluded.owner, lease_until = excluded.lease_until"
                            + " WHERE layer_claims.lease_until < ? OR layer_claims.owner = excluded.owner")) {
                ps.setString(1, key);
                ps.setString(2, owner);
                ps.setLong(3, leaseUntil);
                ps.setLong(4, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Ends a claim without results. */
    public void releaseLayer(String key, String owner) {
        withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM layer_claims WHERE key = ? AND owner = ?")) {
                ps.setString(1, key);
                ps.setString(2, owner);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** True when the database answers (the health check). */
    public boolean healthy() {
        try {
            return withConnection(c -> c.isValid(2));
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
