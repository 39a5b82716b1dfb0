package dev.vouch.vuln;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vouch.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;

/**
 * NVD's CVE API 2.0 responses and its yearly 2.0 data feeds ({@code nvdcve-2.0-2024.json}, often gzipped): an
 * object whose {@code vulnerabilities} array holds {@code {"cve": {...}}} items. Read as a stream, one item at a
 * time, so a feed of a few hundred megabytes is never held whole; each item is bounded like an OSV record.
 */
final class NvdFeeds {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NvdFeeds() {}

    /** Reads every CVE of a response or feed into the sink; returns how many. */
    static int read(InputStream in, String where, OsvSources.RecordSink sink) throws IOException {
        int n = 0;
        try (JsonParser p = MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException(where + ": not an NVD CVE feed (no top-level object)");
            }
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("vulnerabilities") || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                found = true;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode item = p.readValueAsTree();
                    JsonNode cve = item.path("cve");
                    if (++n > OsvSources.MAX_RECORDS) {
                        throw new InvalidInputException(where + ": more than " + OsvSources.MAX_RECORDS + " records");
                    }
                    sink.accept(NvdParser.parse(cve, where + " item " + n));
                }
            }
            if (!found) {
                throw new InvalidInputException(where + ": neither an OSV record nor an NVD CVE record or feed");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException(where + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
        return n;
    }
}
