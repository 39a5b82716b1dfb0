package dev.vouch.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Where OSV records come from: a {@code .json} file, a directory of them (walked, sorted), or a zip as OSV
 * distributes each ecosystem ({@code all.zip}), read as a stream. NVD's CVE records, API responses and yearly data
 * feeds ({@code .json} or {@code .json.gz}) are read from the same places ({@link NvdParser}). Every record is bounded in size and a source in
 * record count; a broken file stops the import with its name.
 */
final class OsvSources {
    private OsvSources() {}

    static final int MAX_RECORD_BYTES = 8 << 20;
    static final int MAX_RECORDS = 5_000_000;

    interface RecordSink {
        void accept(Advisory advisory) throws IOException;
    }

    /** Reads every record of a path into the sink; returns how many. */
    static int read(Path path, RecordSink sink) throws IOException {
        if (!Files.exists(path)) {
            throw new InvalidInputException(path + ": no such file or directory");
        }
        if (Files.isDirectory(path)) {
            int n = 0;
            List<Path> files;
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(p -> (p.getFileName().toString().endsWith(".json")
                                        || p.getFileName().toString().endsWith(".json.gz"))
                                && Files.isRegularFile(p))
                        .sorted()
                        .toList();
            }
            for (Path f : files) {
                n += readJson(f, sink);
                if (n > MAX_RECORDS) {
                    throw new InvalidInputException(path + ": more than " + MAX_RECORDS + " records");
                }
            }
            return n;
        }
        String name = path.getFileName().toString();
        if (name.endsWith(".zip")) {
            return readZip(path, sink);
        }
        if (name.endsWith(".json") || name.endsWith(".json.gz")) {
            return readJson(path, sink);
        }
        throw new InvalidInputException(
                path + ": not an OSV or NVD .json file, a .json.gz NVD feed, .zip or directory");
    }

    /**
     * One file: an OSV record, an NVD {@code cve} object (or {@code {"cve": ...}}), or an NVD API response or data
     * feed, which is streamed ({@link NvdFeeds}) when it is gzipped or larger than a record may be.
     */
    private static int readJson(Path f, RecordSink sink) throws IOException {
        String where = f.toString();
        try {
            if (f.getFileName().toString().endsWith(".gz")) {
                try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(f))) {
                    return NvdFeeds.read(in, where, sink);
                } catch (ZipException e) {
                    throw new InvalidInputException(where + ": not gzip (" + e.getMessage() + ")");
                }
            }
            if (Files.size(f) > MAX_RECORD_BYTES) {
                try (InputStream in = Files.newInputStream(f)) {
                    return NvdFeeds.read(in, where, sink);
                }
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(f)) {
                bytes = BoundedReads.readAll(in, MAX_RECORD_BYTES, where);
            }
            JsonNode tree = Json.tree(bytes, where);
            if (NvdParser.isCve(tree)) {
                sink.accept(NvdParser.parse(tree, where));
                return 1;
            }
            if (NvdParser.isCve(tree.path("cve"))) {
                sink.accept(NvdParser.parse(tree.path("cve"), where));
                return 1;
            }
            if (tree.path("vulnerabilities").isArray()) {
                return NvdFeeds.read(new java.io.ByteArrayInputStream(bytes), where, sink);
            }
            sink.accept(OsvParser.parse(tree, where));
            return 1;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(f + ": no such file");
        }
    }

    private static int readZip(Path zip, RecordSink sink) throws IOException {
        int n = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String where = zip + "!" + e.getName();
                if (e.isDirectory() || !e.getName().endsWith(".json")) {
                    continue;
                }
                if (++n > MAX_RECORDS) {
                    throw new InvalidInputException(zip + ": more than " + MAX_RECORDS + " records");
                }
                byte[] bytes = BoundedReads.readAll(in, MAX_RECORD_BYTES, where);
                sink.accept(OsvParser.parse(Json.tree(bytes, where), where));
            }
        } catch (ZipException e) {
            throw new InvalidInputException(zip + ": not a readable zip (" + e.getMessage() + ")");
        }
        return n;
    }
}
