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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads OpenVEX documents (v0.2.0, and the string form of {@code vulnerability} of v0.0.1). A {@code not_affected}
 * statement without a justification or impact statement is refused, as the specification requires one.
 */
public final class VexDocuments {
    private VexDocuments() {}

    private static final Set<String> STATUSES = Set.of("not_affected", "affected", "fixed", "under_investigation");

    public static List<VexStatement> read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = BoundedReads.readAll(in, 16 << 20, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        }
        JsonNode doc = Json.tree(bytes, file.toString());
        if (!doc.path("statements").isArray()) {
            throw new InvalidInputException(file + ": not an OpenVEX document (no \"statements\" array)");
        }
        List<VexStatement> out = new ArrayList<>();
        int i = 0;
        for (JsonNode s : doc.path("statements")) {
            String where = file + ": statements[" + i++ + "]";
            JsonNode v = s.path("vulnerability");
            String name = v.isTextual() ? v.asText() : v.path("name").asText(null);
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(where + ": no vulnerability name");
            }
            List<String> aliases = new ArrayList<>();
            for (JsonNode a : v.path("aliases")) {
                aliases.add(a.asText());
            }
            String status = s.path("status").asText("");
            if (!STATUSES.contains(status)) {
                throw new InvalidInputException(where + ": status \"" + status + "\" is not an OpenVEX status");
            }
            String justification = s.path("justification").asText(null);
            String impact = s.path("impact_statement").asText(null);
            if (status.equals("not_affected") && justification == null && impact == null) {
                throw new InvalidInputException(where + ": not_affected needs a justification or an impact_statement");
            }
            List<VexStatement.Product> products = new ArrayList<>();
            for (JsonNode p : s.path("products")) {
                String id = p.isTextual() ? p.asText() : p.path("@id").asText(null);
                List<String> subs = new ArrayList<>();
                for (JsonNode sub : p.path("subcomponents")) {
                    String sid =
                            sub.isTextual() ? sub.asText() : sub.path("@id").asText(null);
                    if (sid != null) {
                        subs.add(sid);
                    }
                }
                if (id != null) {
                    products.add(new VexStatement.Product(id, subs));
                }
            }
            out.add(new VexStatement(name, aliases, products, status, justification, impact, file.toString()));
        }
        return out;
    }
}
