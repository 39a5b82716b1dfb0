package dev.vouch.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Digest;
import dev.vouch.io.BoundedReads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;

/**
 * Reads a CycloneDX JSON SBOM (vouch's own or another tool's) back into an {@link Sbom}, so that it can be
 * rescanned without the image: packages from components' purls (type, name, version; Debian's {@code upstream}
 * qualifier gives the source package), the distribution from the operating-system component or the purls'
 * {@code distro} qualifier, the layer from vouch's {@code vouch:layer:index} property when present.
 */
public final class CycloneDxReader {
    private CycloneDxReader() {}

    static final int MAX = 256 << 20;

    /**
     * One plain mapper for every read, as cyclonedx-core-java's JsonParser uses (a parser made per SBOM built its
     * deserializers again each time; a mapper is safe to share once configured).
     */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static Sbom read(Path file) throws IOException {
        byte[] bytes;
        bytes = BoundedReads.readFile(file, MAX);
        return read(bytes, file.toString());
    }

    /**
     * Reads a CycloneDX JSON document held in memory (a stored SBOM), or an SPDX 2.x JSON one ({@link SpdxReader});
     * {@code source} names it in errors.
     */
    public static Sbom read(byte[] bytes, String source) throws IOException {
        if (bytes.length > MAX) {
            throw new InvalidInputException(source + ": larger than " + MAX + " bytes");
        }
        Bom bom;
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            if (SpdxReader.isSpdx(tree)) {
                return SpdxReader.read(tree, source); // the other SBOM format scan --sbom reads
            }
            // metadata.tools is not read here, and the library's deserializer of it makes a new ObjectMapper (cold
            // caches) for every document: it cost more than the rest of a stored SBOM's rematch
            if (tree != null && tree.path("metadata") instanceof ObjectNode metadata) {
                metadata.remove("tools");
            }
            bom = MAPPER.treeToValue(tree, Bom.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(source + ": not a CycloneDX JSON document ("
                    + String.valueOf(e.getMessage()).split("\n")[0] + ")");
        }
        if (bom == null) {
            throw new InvalidInputException(source + ": not a CycloneDX JSON document (empty)");
        }
        Distro distro = null;
        List<Package> packages = new ArrayList<>();
        List<Component> all = bom.getComponents() == null ? List.of() : bom.getComponents();
        for (Component c : all) {
            if (c.getType() == Component.Type.OPERATING_SYSTEM && c.getName() != null) {
                distro = new Distro(
                        c.getName().toLowerCase(java.util.Locale.ROOT),
                        c.getVersion(),
                        null,
                        c.getDescription(),
                        source);
            }
        }
        for (Component c : all) {
            if (c.getPurl() == null) {
                continue;
            }
            int layer = -1;
            String path = "";
            String cpe = c.getCpe();
            for (Property p : c.getProperties() == null ? List.<Property>of() : c.getProperties()) {
                if ("vouch:cpe".equals(p.getName())) {
                    cpe = p.getValue(); // every CPE name vouch gave it, not only the first
                }
                if ("vouch:layer:index".equals(p.getName())) {
                    try {
                        layer = Integer.parseInt(p.getValue());
                    } catch (NumberFormatException ignored) {
                        layer = -1;
                    }
                } else if ("vouch:path".equals(p.getName()) && path.isEmpty()) {
                    path = p.getValue().replaceFirst("^/", "");
                }
            }
            String name = c.getName();
            if (name != null && c.getGroup() != null && !c.getGroup().isEmpty() && !name.contains("/")) {
                name = c.getGroup() + "/" + name;
            }
            Package p = PurlPackages.of(c.getPurl(), name, layer, path);
            if (p == null) {
                continue;
            }
            packages.add(cpe == null || cpe.isBlank() ? p : p.with("cpe", cpe));
            if (distro == null) {
                distro = PurlPackages.distro(c.getPurl(), source);
            }
        }
        Component subject = bom.getMetadata() == null ? null : bom.getMetadata().getComponent();
        Digest digest = null;
        if (subject != null && subject.getVersion() != null) {
            try {
                digest = Digest.parse(subject.getVersion());
            } catch (RuntimeException notADigest) {
                digest = null;
            }
        }
        String image = subject != null && subject.getName() != null ? subject.getName() : source;
        return new Sbom(image, digest, distro, packages, List.of(), List.of());
    }
}
