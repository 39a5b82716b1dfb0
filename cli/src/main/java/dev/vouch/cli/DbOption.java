package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --db FILE}: the vulnerability database (default: osv.sqlite in the cache directory). */
final class DbOption {
    @Option(
            names = "--db",
            paramLabel = "FILE",
            description = "Vulnerability database (default: $XDG_CACHE_HOME/vouch/osv.sqlite or"
                    + " ~/.cache/vouch/osv.sqlite).")
    Path db;

    Path file(Main.Context context) {
        if (db != null) {
            return db;
        }
        Path dir = RegistryFlags.defaultCacheDir(context.env());
        if (dir == null) {
            throw new InvalidInputException("no cache directory for the vulnerability database: set HOME or give --db");
        }
        return dir.resolve("osv.sqlite");
    }
}
