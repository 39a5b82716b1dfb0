package dev.vouch.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ignore file of {@code vouch scan --ignore-file}: a YAML list of vulnerabilities to leave out, each with a
 * mandatory reason, an optional package and an optional expiry date after which it stops applying.
 *
 * <pre>
 * ignore:
 *   - id: CVE-2024-1234      # the advisory id or one of its aliases
 *     package: util-linux    # optional: the package or source package name
 *     reason: the affected tool is never run in this image
 *     expires: 2027-01-31    # optional
 * </pre>
 */
public record IgnoreFile(List<Entry> entries) {
    public IgnoreFile {
        entries = List.copyOf(entries);
    }

    public record Entry(String id, String pkg, String reason, LocalDate expires) {
        boolean applies(Match m, LocalDate today) {
            return (expires == null || !today.isAfter(expires))
                    && (m.id().equals(id) || m.aliases().contains(id))
                    && (pkg == null || pkg.equals(m.packageName()) || pkg.equals(m.matchedOn()));
        }
    }

    private static final Set<String> KEYS = Set.of("id", "package", "reason", "expires");

    public static IgnoreFile read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = BoundedReads.readAll(in, 4 << 20, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        }
        JsonNode root = dev.vouch.io.Yaml.tree(bytes, file.toString());
        if (!root.path("ignore").isArray()) {
            throw new InvalidInputException(file + ": expected a list under \"ignore\"");
        }
        List<Entry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root.path("ignore")) {
            String where = file + ": ignore[" + i++ + "]";
            e.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    throw new InvalidInputException(where + ": unknown key '" + k + "' (known: " + KEYS + ")");
                }
            });
            String id = e.path("id").asText(null);
            String reason = e.path("reason").asText(null);
            if (id == null || id.isBlank()) {
                throw new InvalidInputException(where + ": needs an id");
            }
            if (reason == null || reason.isBlank()) {
                throw new InvalidInputException(where + " (" + id + "): needs a reason");
            }
            LocalDate expires = null;
            if (e.hasNonNull("expires")) {
                try {
                    expires = LocalDate.parse(e.path("expires").asText());
                } catch (DateTimeParseException bad) {
                    throw new InvalidInputException(where + " (" + id + "): expires is not a YYYY-MM-DD date");
                }
            }
            out.add(new Entry(id, e.path("package").asText(null), reason, expires));
        }
        return new IgnoreFile(out);
    }
}
