package dev.vouch.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An {@link Sbom} as an <a href="https://spdx.github.io/spdx-spec/v2.3/">SPDX 2.3</a> JSON document, written with
 * Jackson. The document describes the image package, which CONTAINS every package found; each package has its
 * purl as a PACKAGE-MANAGER external reference. Declared licenses are not always valid SPDX expressions, so
 * {@code licenseDeclared} is NOASSERTION and the declared names are given in {@code licenseComments}.
 */
public final class Spdx {
    private Spdx() {}

    public static ObjectNode json(Sbom sbom, String toolVersion) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode doc = m.createObjectNode();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", sbom.image());
        doc.put(
                "documentNamespace",
                "https://vouch.dev/spdxdocs/" + sbom.digest().hex() + "-" + UUID.randomUUID());
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        creation.putArray("creators").add("Tool: vouch-" + toolVersion);
        doc.putArray("documentDescribes").add("SPDXRef-Image");
        ArrayNode packages = doc.putArray("packages");
        ObjectNode image = packages.addObject();
        image.put("SPDXID", "SPDXRef-Image");
        image.put("name", sbom.image());
        if (sbom.digest() != null) {
            image.put("versionInfo", sbom.digest().toString());
        }
        image.put("primaryPackagePurpose", "CONTAINER");
        noAssertions(image);
        ArrayNode rels = doc.putArray("relationships");
        ObjectNode describes = rels.addObject();
        describes.put("spdxElementId", "SPDXRef-DOCUMENT");
        describes.put("relationshipType", "DESCRIBES");
        describes.put("relatedSpdxElement", "SPDXRef-Image");
        int n = 0;
        for (Package p : sbom.packages()) {
            String id = "SPDXRef-Package-" + p.type().purlType() + "-" + (++n);
            ObjectNode pkg = packages.addObject();
            pkg.put("SPDXID", id);
            pkg.put("name", p.name());
            pkg.put("versionInfo", p.version());
            noAssertions(pkg);
            if (!p.licenses().isEmpty()) {
                pkg.put("licenseComments", "declared: " + String.join(", ", p.licenses()));
            }
            if (p.sourceName() != null && !p.sourceName().equals(p.name())) {
                pkg.put("sourceInfo", "built from source package " + p.sourceName() + " " + p.sourceVersion());
            }
            int layer = p.layer();
            if (layer >= 0 && layer < sbom.layers().size()) {
                SbomLayer l = sbom.layers().get(layer);
                pkg.put(
                        "comment",
                        "introduced by layer " + layer + " (" + l.digest() + ", diff_id " + l.diffId() + ") at /"
                                + p.locations().get(0).path());
            }
            String cpes = p.properties().get("cpe");
            if (p.purl() != null || cpes != null) {
                var refs = pkg.putArray("externalRefs");
                if (p.purl() != null) {
                    ObjectNode ref = refs.addObject();
                    ref.put("referenceCategory", "PACKAGE-MANAGER");
                    ref.put("referenceType", "purl");
                    ref.put("referenceLocator", p.purl());
                }
                if (cpes != null) {
                    for (String cpe : cpes.strip().split(" +")) {
                        ObjectNode ref = refs.addObject();
                        ref.put("referenceCategory", "SECURITY");
                        ref.put("referenceType", "cpe23Type");
                        ref.put("referenceLocator", cpe);
                    }
                }
            }
            ObjectNode contains = rels.addObject();
            contains.put("spdxElementId", "SPDXRef-Image");
            contains.put("relationshipType", "CONTAINS");
            contains.put("relatedSpdxElement", id);
        }
        return doc;
    }

    private static void noAssertions(ObjectNode pkg) {
        pkg.put("downloadLocation", "NOASSERTION");
        pkg.put("filesAnalyzed", false);
        pkg.put("licenseConcluded", "NOASSERTION");
        pkg.put("licenseDeclared", "NOASSERTION");
        pkg.put("copyrightText", "NOASSERTION");
    }
}
