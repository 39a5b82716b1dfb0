package dev.vouch.sbom;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * An {@link Sbom} as a <a href="https://cyclonedx.org/docs/1.6/json/">CycloneDX 1.6</a> JSON document, built with
 * cyclonedx-core-java. The image is the metadata component; each package carries its purl, declared licenses and
 * properties naming the layer that introduced it ({@code vouch:layer:digest}, {@code vouch:layer:diffId},
 * {@code vouch:layer:createdBy}), the path it was found at and its source package.
 */
public final class CycloneDx {
    private CycloneDx() {}

    public static String json(Sbom sbom, String toolVersion) {
        return write(build(sbom, toolVersion).bom());
    }

    /** A built document and the bom-ref given to each package (by identity), for writers that add to it. */
    public record Built(Bom bom, java.util.Map<Package, String> refs) {}

    public static Built build(Sbom sbom, String toolVersion) {
        java.util.Map<Package, String> refsByPackage = new java.util.IdentityHashMap<>();
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        Metadata md = new Metadata();
        md.setTimestamp(new Date());
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("vouch");
        tool.setVersion(toolVersion);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        md.setToolChoice(tools);
        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setBomRef("image");
        image.setName(sbom.image());
        if (sbom.digest() != null) {
            // an SBOM read back without an image digest (another tool's) has no version to give
            image.setVersion(sbom.digest().toString());
        }
        md.setComponent(image);
        bom.setMetadata(md);
        List<Component> components = new ArrayList<>();
        if (sbom.distro() != null) {
            Component os = new Component();
            os.setType(Component.Type.OPERATING_SYSTEM);
            os.setBomRef("os");
            os.setName(sbom.distro().id());
            os.setVersion(sbom.distro().versionId());
            os.setDescription(sbom.distro().prettyName());
            components.add(os);
        }
        Set<String> refs = new HashSet<>();
        for (Package p : sbom.packages()) {
            Component c = new Component();
            c.setType(Component.Type.LIBRARY);
            c.setName(p.name());
            c.setVersion(p.version());
            String ref = p.purl() != null ? p.purl() : p.type().purlType() + "/" + p.name() + "@" + p.version();
            for (int n = 2; !refs.add(ref); n++) {
                ref = ref + "#" + n;
            }
            c.setBomRef(ref);
            refsByPackage.put(p, ref);
            if (p.purl() != null) {
                c.setPurl(p.purl());
            }
            String cpe = p.properties().get("cpe");
            if (cpe != null && !cpe.isBlank()) {
                c.setCpe(cpe.strip().split(" +")[0]); // the first name; every one stays in the vouch:cpe property
            }
            if (!p.licenses().isEmpty()) {
                LicenseChoice lc = new LicenseChoice();
                for (String l : p.licenses()) {
                    License license = new License();
                    license.setName(l); // as declared: not every declared name is an SPDX id
                    lc.addLicense(license);
                }
                c.setLicenses(lc);
            }
            List<Property> props = new ArrayList<>();
            int layer = p.layer();
            if (layer >= 0 && layer < sbom.layers().size()) {
                SbomLayer l = sbom.layers().get(layer);
                props.add(new Property("vouch:layer:index", Integer.toString(layer)));
                props.add(new Property("vouch:layer:digest", l.digest().toString()));
                props.add(new Property("vouch:layer:diffId", l.diffId().toString()));
                if (l.createdBy() != null) {
                    props.add(new Property("vouch:layer:createdBy", l.createdBy()));
                }
            }
            for (PackageLocation loc : p.locations()) {
                props.add(new Property("vouch:path", "/" + loc.path()));
            }
            if (p.sourceName() != null && !p.sourceName().equals(p.name())) {
                props.add(new Property("vouch:sourcePackage", p.sourceName()));
            }
            if (p.sourceVersion() != null && !p.sourceVersion().equals(p.version())) {
                props.add(new Property("vouch:sourceVersion", p.sourceVersion()));
            }
            p.properties().forEach((k, v) -> props.add(new Property("vouch:" + k, v)));
            c.setProperties(props);
            components.add(c);
        }
        bom.setComponents(components);
        return new Built(bom, refsByPackage);
    }

    /** The document as CycloneDX 1.6 JSON. */
    /**
     * Writes a document to {@code out} as the library's own generator does (its mapper, mix-ins and printer, so the
     * bytes are those of {@link #write(Bom)}), without holding it whole as text.
     */
    public static void write(Bom bom, java.io.Writer out) throws java.io.IOException {
        new StreamingJsonGenerator(bom).writeTo(out);
    }

    private static final class StreamingJsonGenerator extends org.cyclonedx.generators.json.BomJsonGenerator {
        StreamingJsonGenerator(Bom bom) {
            super(bom, Version.VERSION_16);
        }

        void writeTo(java.io.Writer out) throws java.io.IOException {
            com.fasterxml.jackson.core.PrettyPrinter printer;
            try {
                var field = org.cyclonedx.generators.json.BomJsonGenerator.class.getDeclaredField("prettyPrinter");
                field.setAccessible(true);
                printer = (com.fasterxml.jackson.core.PrettyPrinter) field.get(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cyclonedx-core-java changed: no prettyPrinter to stream with", e);
            }
            mapper.addMixIn(org.cyclonedx.model.BomReference.class, org.cyclonedx.util.mixin.MixInBomReference.class);
            mapper.writer(printer)
                    .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(out, bom);
        }
    }

    public static String write(Bom bom) {
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("CycloneDX generation failed: " + e.getMessage(), e);
        }
    }
}
