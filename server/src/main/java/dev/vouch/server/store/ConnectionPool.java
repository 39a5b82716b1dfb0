package dev.vouch.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A few JDBC connections reused across requests: at most {@code size} open at once, a connection that broke is
 * replaced. Small on purpose: the server holds a handful of workers and request threads.
 */
final class ConnectionPool implements AutoCloseable {
    private final String url;
    private final Properties properties;
    private final BlockingQueue<Connection> idle;
    private final Semaphore permits;
    private final SqlSetup setup;
    private volatile boolean closed;

    /** Run once on every new connection (SQLite pragmas). */
    interface SqlSetup {
        void apply(Connection c) throws SQLException;
    }

    ConnectionPool(String url, Properties properties, int size, SqlSetup setup) {
        this.url = url;
        this.properties = properties;
        this.idle = new ArrayBlockingQueue<>(size);
        this.permits = new Semaphore(size, true);
        this.setup = setup;
    }

    Connection borrow() throws SQLException {
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection free after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted waiting for a database connection", e);
        }
        try {
            Connection c = idle.poll();
            if (c != null && !c.isClosed() && c.isValid(2)) {
                return c;
            }
            if (c != null) {
                quietly(c);
            }
            c = DriverManager.getConnection(url, properties);
            setup.apply(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Gives a connection back: rolled back to auto-commit, or closed when it broke or the pool closed. */
    void giveBack(Connection c, boolean broken) {
        try {
            if (broken || closed) {
                quietly(c);
                return;
            }
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                quietly(c);
                return;
            }
            if (!idle.offer(c)) {
                quietly(c);
            }
        } finally {
            permits.release();
        }
    }

    private static void quietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            quietly(c);
        }
    }
}
