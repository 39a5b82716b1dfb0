package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an <a href="https://spdx.github.io/spdx-spec/v2.3/">SPDX 2.3</a> JSON document (vouch's or another tool's)
 * back into an {@link Sbom} for {@code vouch scan --sbom}: every package with a purl external reference, named as the
 * document names it (Go module paths keep their case), and the described container's name and digest.
 */
public final class SpdxReader {
    private SpdxReader() {}

    /** Whether a parsed JSON document is an SPDX document. */
    public static boolean isSpdx(JsonNode tree) {
        return tree != null && tree.path("spdxVersion").isTextual();
    }

    /** The SBOM of a parsed SPDX document; {@code source} names it in errors. */
    public static Sbom read(JsonNode tree, String source) {
        String version = tree.path("spdxVersion").asText();
        if (!version.startsWith("SPDX-2.")) {
            throw new InvalidInputException(source + ": spdxVersion " + version + " is not read (SPDX 2.x JSON is)");
        }
        String image = tree.path("name").asText(source);
        Digest digest = null;
        Distro distro = null;
        List<Package> packages = new ArrayList<>();
        for (JsonNode p : tree.path("packages")) {
            if (p.path("primaryPackagePurpose").asText().equals("CONTAINER")) {
                image = p.path("name").asText(image);
                try {
                    digest = Digest.parse(p.path("versionInfo").asText());
                } catch (RuntimeException notADigest) {
                    digest = null;
                }
                continue;
            }
            String name = p.path("name").isTextual() ? p.path("name").asText() : null;
            List<String> cpes = new ArrayList<>();
            for (JsonNode ref : p.path("externalRefs")) {
                if (ref.path("referenceType").asText().startsWith("cpe23")
                        && ref.path("referenceLocator").isTextual()) {
                    cpes.add(ref.path("referenceLocator").asText());
                }
            }
            for (JsonNode ref : p.path("externalRefs")) {
                if (!ref.path("referenceType").asText().equals("purl")
                        || !ref.path("referenceLocator").isTextual()) {
                    continue;
                }
                String purl = ref.path("referenceLocator").asText();
                Package pkg = PurlPackages.of(purl, name, -1, "");
                if (pkg != null) {
                    packages.add(cpes.isEmpty() ? pkg : pkg.with("cpe", String.join(" ", cpes)));
                    if (distro == null) {
                        distro = PurlPackages.distro(purl, source);
                    }
                    break;
                }
            }
        }
        return new Sbom(image, digest, distro, packages, List.of(), List.of());
    }
}
