package dev.vouch.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vouch.error.InvalidInputException;
import dev.vouch.sbom.Cpe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one NVD CVE record (<a href="https://csrc.nist.gov/schema/nvd/api/2.0/cve_api_json_2.0.schema">CVE API 2.0
 * schema</a>, the {@code cve} object of the API and of the 2.0 data feeds) into an {@link Advisory}: its id as {@code
 * NVD:CVE-…} (the CVE id is its alias, so an OSV record with the CVE's own id is never replaced), the English
 * description, the severity of NVD's own CVSS metric (v3.1, v3.0, then v2; another source's when NVD has none), and
 * one affected entry, in ecosystem {@code NVD}, per application {@code vendor:product} its configurations name as
 * vulnerable. That entry keeps the configurations that name the product ({@link NvdConfigurations} evaluates them).
 */
final class NvdParser {
    static final String ECOSYSTEM = "NVD";
    static final String PREFIX = "NVD:";
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private NvdParser() {}

    /** Whether a parsed JSON object is an NVD {@code cve} object (not an OSV record, which has "modified"). */
    static boolean isCve(JsonNode n) {
        return n.isObject()
                && CVE.matcher(n.path("id").asText("")).matches()
                && n.has("lastModified")
                && !n.has("modified");
    }

    static Advisory parse(JsonNode cve, String where) {
        String id = cve.path("id").asText("");
        if (!CVE.matcher(id).matches()) {
            throw new InvalidInputException(where + ": NVD record without a CVE \"id\"");
        }
        String modified = cve.path("lastModified").asText(null);
        if (modified == null) {
            throw new InvalidInputException(where + ": NVD record " + id + " has no \"lastModified\"");
        }
        modified = modified.endsWith("Z") ? modified : modified + "Z";
        String summary = null;
        for (JsonNode d : cve.path("descriptions")) {
            if (d.path("lang").asText().equals("en")) {
                String text = d.path("value").asText("").strip();
                summary = text.length() > 400 ? text.substring(0, 400) + "…" : text;
                break;
            }
        }
        JsonNode metric = null;
        String from = null;
        for (String kind : List.of("cvssMetricV31", "cvssMetricV30", "cvssMetricV2")) {
            for (JsonNode m : cve.path("metrics").path(kind)) {
                if (metric == null || m.path("type").asText().equals("Primary") && !primary(metric)) {
                    metric = m;
                    from = kind;
                }
            }
            if (metric != null) {
                break;
            }
        }
        VulnSeverity severity = VulnSeverity.UNKNOWN;
        Double score = null;
        if (metric != null) {
            JsonNode data = metric.path("cvssData");
            String word =
                    data.path("baseSeverity").asText(metric.path("baseSeverity").asText(""));
            severity = VulnSeverity.ofWord(word.toLowerCase(Locale.ROOT));
            score = data.path("baseScore").isNumber() ? data.path("baseScore").asDouble() : null;
            from = "NVD "
                    + from.replace("cvssMetric", "CVSS ")
                            .replace("V31", "v3.1")
                            .replace("V30", "v3.0")
                            .replace("V2", "v2");
        }
        String withdrawn = cve.path("vulnStatus").asText("").equals("Rejected") ? modified : null;
        List<Advisory.Affected> affected = new ArrayList<>();
        products(cve.path("configurations"))
                .forEach((product, configurations) -> affected.add(
                        new Advisory.Affected(ECOSYSTEM, "", product, configurations.toString(), null, null)));
        return new Advisory(PREFIX + id, modified, withdrawn, summary, List.of(id), severity, score, from, affected);
    }

    private static boolean primary(JsonNode m) {
        return m.path("type").asText().equals("Primary");
    }

    /** Every application vendor:product named vulnerable, with the configurations that name it. */
    private static Map<String, ArrayNode> products(JsonNode configurations) {
        Map<String, ArrayNode> out = new LinkedHashMap<>();
        for (JsonNode config : configurations) {
            for (JsonNode node : config.path("nodes")) {
                for (JsonNode m : node.path("cpeMatch")) {
                    Cpe c = Cpe.parse(m.path("criteria").asText(null));
                    if (c == null
                            || !m.path("vulnerable").asBoolean(false)
                            || !c.get(Cpe.PART).equals("a")) {
                        continue;
                    }
                    String product = (c.get(Cpe.VENDOR) + ":" + c.get(Cpe.PRODUCT)).toLowerCase(Locale.ROOT);
                    ArrayNode list = out.computeIfAbsent(product, p -> JsonNodeFactory.instance.arrayNode());
                    if (list.isEmpty() || list.get(list.size() - 1) != config) {
                        list.add(config);
                    }
                }
            }
        }
        return out;
    }
}
