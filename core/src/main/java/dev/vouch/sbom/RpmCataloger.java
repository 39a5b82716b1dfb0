package dev.vouch.sbom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConnection;

/**
 * RPM packages from the rpm database in each of its formats: SQLite ({@code rpmdb.sqlite}, rpm 4.16 and later,
 * opened in memory from the bytes the layer pass kept, nothing written to disk), Berkeley DB ({@code
 * var/lib/rpm/Packages}, {@link RpmBerkeleyDb}) and NDB ({@code Packages.db}, {@link RpmNdb}), under {@code
 * var/lib/rpm} or {@code usr/lib/sysimage/rpm}. Each record is an {@link RpmHeader}.
 */
public final class RpmCataloger implements Cataloger {
    private static final List<String> DATABASES = List.of(
            "var/lib/rpm/rpmdb.sqlite",
            "usr/lib/sysimage/rpm/rpmdb.sqlite",
            "var/lib/rpm/Packages",
            "usr/lib/sysimage/rpm/Packages",
            "var/lib/rpm/Packages.db",
            "usr/lib/sysimage/rpm/Packages.db");

    @Override
    public boolean wants(String path) {
        return DATABASES.contains(path);
    }

    @Override
    public void catalog(CatalogContext ctx) {
        for (String db : DATABASES) {
            int layer = ctx.finalLayer(db);
            if (layer < 0) {
                continue;
            }
            byte[] bytes = ctx.finalBytes(db).orElse(null);
            if (bytes == null) {
                continue; // over the catalog's cap: noted there
            }
            if (bytes.length == 0) {
                ctx.unreadable(db, "the file is empty");
                continue;
            }
            try {
                for (RpmHeader h : headers(db, bytes)) {
                    h.files().forEach(ctx::own);
                    Package p = toPackage(h, ctx.distro(), db, layer);
                    if (p != null) {
                        ctx.add(p);
                    }
                }
            } catch (IOException | SQLException | RuntimeException e) {
                ctx.unreadable(db, Catalog.why(e));
            }
        }
    }

    /** The package headers of a database in the format its name says (and its first bytes confirm). */
    static List<RpmHeader> headers(String path, byte[] bytes) throws IOException, SQLException {
        List<byte[]> blobs;
        if (path.endsWith(".sqlite")) {
            String header = bytes.length < 16 ? "" : new String(bytes, 0, 16, StandardCharsets.ISO_8859_1);
            if (!header.equals("SQLite format 3\0")) {
                throw new IOException("not an SQLite database (no SQLite header)");
            }
            if (bytes.length < 100) {
                throw new IOException("truncated: " + bytes.length + " bytes, shorter than an SQLite header");
            }
            return headers(bytes);
        }
        blobs = path.endsWith(".db") ? RpmNdb.headers(bytes) : RpmBerkeleyDb.headers(bytes);
        List<RpmHeader> out = new ArrayList<>();
        for (byte[] blob : blobs) {
            RpmHeader h = RpmHeader.parse(blob);
            if (h != null) {
                out.add(h);
            }
        }
        return out;
    }

    /** Every package header of an rpmdb.sqlite held in memory. */
    static List<RpmHeader> headers(byte[] database) throws SQLException {
        byte[] copy = database.clone();
        if (copy.length > 19 && copy[18] == 2 && copy[19] == 2) {
            copy[18] = 1; // WAL mode cannot be opened in memory: read it as a rollback-journal database
            copy[19] = 1;
        }
        List<RpmHeader> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            c.unwrap(SQLiteConnection.class).deserialize("main", copy);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT blob FROM Packages")) {
                while (rs.next()) {
                    RpmHeader h = RpmHeader.parse(rs.getBytes(1));
                    if (h != null) {
                        out.add(h);
                    }
                }
            }
        }
        return out;
    }

    private static Package toPackage(RpmHeader h, Distro d, String path, int layer) {
        String name = h.string(RpmHeader.NAME);
        String version = h.string(RpmHeader.VERSION);
        String release = h.string(RpmHeader.RELEASE);
        if (name == null || version == null || name.equals("gpg-pubkey")) {
            return null; // gpg-pubkey entries are imported keys, not packages
        }
        Integer epoch = h.integer(RpmHeader.EPOCH);
        String vr = release == null ? version : version + "-" + release;
        String evr = epoch == null ? vr : epoch + ":" + vr;
        String srpm = h.string(RpmHeader.SOURCERPM);
        String source = sourceName(srpm, version, release);
        Map<String, String> q = new HashMap<>();
        q.put("arch", h.string(RpmHeader.ARCH));
        q.put("epoch", epoch == null ? null : epoch.toString());
        q.put("distro", d == null ? null : d.purlQualifier());
        if (srpm != null) {
            q.put("upstream", srpm);
        }
        String license = h.string(RpmHeader.LICENSE);
        return new Package(
                PackageType.RPM,
                name,
                evr,
                Purls.of(PackageType.RPM, d == null ? null : d.id(), name, vr, q),
                license == null || license.isBlank() ? List.of() : List.of(license),
                source == null ? name : source,
                evr,
                h.string(RpmHeader.ARCH),
                List.of(new PackageLocation(path, layer)));
    }

    /** The source package's name from its file name: NAME-VERSION-RELEASE.src.rpm. */
    static String sourceName(String srpm, String version, String release) {
        if (srpm == null || !srpm.endsWith(".rpm")) {
            return null;
        }
        String s = srpm.replaceFirst("\\.(?:no)?src\\.rpm$", "");
        int dash = s.lastIndexOf('-');
        if (dash > 0) {
            s = s.substring(0, dash); // release
        }
        dash = s.lastIndexOf('-');
        return dash > 0 ? s.substring(0, dash) : s; // version
    }
}
