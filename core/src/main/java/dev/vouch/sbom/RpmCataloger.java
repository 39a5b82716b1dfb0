package dev.vouch.sbom;

import java.util.List;

/**
 * RPM databases. Their formats (SQLite {@code rpmdb.sqlite}, Berkeley DB {@code Packages}, NDB
 * {@code Packages.db}) are not read yet: when an image has one, the catalog says so instead of reporting an image
 * without packages.
 */
public final class RpmCataloger implements Cataloger {
    private static final List<String> DATABASES = List.of(
            "var/lib/rpm/rpmdb.sqlite",
            "usr/lib/sysimage/rpm/rpmdb.sqlite",
            "var/lib/rpm/Packages",
            "var/lib/rpm/Packages.db",
            "usr/lib/sysimage/rpm/Packages.db");

    @Override
    public boolean wants(String path) {
        return false;
    }

    @Override
    public void catalog(CatalogContext ctx) {
        for (String db : DATABASES) {
            if (ctx.finalLayer(db) >= 0) {
                ctx.note("rpm database /" + db + " is present but not read: its packages are missing from this list");
            }
        }
    }
}
