package dev.vouch.cli;

import dev.vouch.cache.BlobCache;
import dev.vouch.error.InvalidInputException;
import dev.vouch.report.Sizes;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vouch cache}: the blob cache's size, and pruning it. */
@Command(
        name = "cache",
        description = "Show the blob cache's size, or prune it.",
        subcommands = {CacheCommand.Prune.class})
final class CacheCommand implements Callable<Integer> {
    @Option(names = "--cache-dir", paramLabel = "DIR", description = "The cache (default: ~/.cache/vouch).")
    Path cacheDir;

    @Spec
    CommandSpec spec;

    BlobCache cache() {
        Path dir = cacheDir != null
                ? cacheDir
                : RegistryFlags.defaultCacheDir(Main.Context.of(spec).env());
        if (dir == null) {
            throw new InvalidInputException("no cache directory: set HOME or give --cache-dir");
        }
        return new BlobCache(dir);
    }

    @Override
    public Integer call() throws Exception {
        BlobCache cache = cache();
        BlobCache.Usage u = cache.usage();
        spec.commandLine()
                .getOut()
                .println(cache.dir() + ": " + u.blobs() + " blobs, " + u.layerResults() + " layer results, "
                        + Sizes.human(u.bytes()));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    /** {@code vouch cache prune}. */
    @Command(name = "prune", description = "Remove the least recently used blobs until the cache fits --max-size.")
    static final class Prune implements Callable<Integer> {
        @Option(
                names = "--max-size",
                paramLabel = "SIZE",
                defaultValue = "5GiB",
                description = "Bytes to keep, e.g. 500MiB, 10GB, 0 (default: 5GiB).")
        String maxSize;

        @picocli.CommandLine.ParentCommand
        CacheCommand parent;

        @Override
        public Integer call() throws Exception {
            BlobCache.PruneResult r = parent.cache().prune(parseSize(maxSize));
            var out = parent.spec.commandLine().getOut();
            out.println("removed " + r.removed() + " blobs and " + r.removedLayerResults() + " layer results ("
                    + Sizes.human(r.freedBytes()) + "); kept " + r.keptBlobs() + " blobs (" + Sizes.human(r.keptBytes())
                    + ")");
            out.flush();
            return Main.OK;
        }
    }

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(|b|kb|kib|mb|mib|gb|gib|tb|tib)");

    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException(
                    "--max-size '" + text + "': expected a number with an optional unit (MiB, GB…)");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "", "b" -> 1L;
            case "kb" -> 1000L;
            case "kib" -> 1L << 10;
            case "mb" -> 1000_000L;
            case "mib" -> 1L << 20;
            case "gb" -> 1000_000_000L;
            case "gib" -> 1L << 30;
            case "tb" -> 1000_000_000_000L;
            default -> 1L << 40;
        };
        return Math.multiplyExact(n, unit);
    }
}
