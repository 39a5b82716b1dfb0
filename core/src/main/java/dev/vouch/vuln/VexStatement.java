package dev.vouch.vuln;

import java.util.List;

/**
 * One statement of an <a href="https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md">OpenVEX</a> document:
 * a vulnerability (by id or alias), the products it speaks of (image references or digests, package purls; none
 * means every product), a status and its justification.
 */
public record VexStatement(
        String vulnerability,
        List<String> aliases,
        List<Product> products,
        String status,
        String justification,
        String impact,
        String source) {
    public VexStatement {
        aliases = List.copyOf(aliases);
        products = List.copyOf(products);
    }

    /** A product a statement names (an image digest or reference, or a package purl) and, optionally, parts of it. */
    public record Product(String id, List<String> subcomponents) {
        public Product {
            subcomponents = List.copyOf(subcomponents);
        }
    }

    /** Whether this statement removes a match: {@code not_affected} or {@code fixed}. */
    public boolean suppresses() {
        return status.equals("not_affected") || status.equals("fixed");
    }

    /** Whether it names this vulnerability (its id or one of its aliases). */
    boolean names(Match m) {
        if (m.id().equals(vulnerability) || m.aliases().contains(vulnerability)) {
            return true;
        }
        for (String a : aliases) {
            if (m.id().equals(a) || m.aliases().contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether it speaks of this match in this image: no products at all, the package's purl, or the image's digest
     * (limited to its subcomponents when it lists any).
     */
    boolean covers(Match m, String imageDigest) {
        if (products.isEmpty()) {
            return true;
        }
        String purl = base(m.purl());
        for (Product p : products) {
            boolean isPackage = purl != null && purl.equals(base(p.id()));
            boolean isImage = p.id().contains(imageDigest);
            if (isPackage) {
                return true;
            }
            // an image product speaks of all its packages, or, with subcomponents, of those alone
            if (isImage
                    && (p.subcomponents().isEmpty()
                            || p.subcomponents().stream().anyMatch(c -> purl != null && purl.equals(base(c))))) {
                return true;
            }
        }
        return false;
    }

    /** A purl without qualifiers and subpath: pkg:deb/debian/bash@5.2.15-2+b13?arch=amd64 -> …@5.2.15-2+b13. */
    private static String base(String purl) {
        if (purl == null) {
            return null;
        }
        int q = purl.indexOf('?');
        int h = purl.indexOf('#');
        int end = q >= 0 ? q : h >= 0 ? h : purl.length();
        return java.net.URLDecoder.decode(purl.substring(0, end), java.nio.charset.StandardCharsets.UTF_8);
    }
}
