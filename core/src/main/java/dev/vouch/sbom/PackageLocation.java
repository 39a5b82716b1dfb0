package dev.vouch.sbom;

/**
 * Where a package was found: a path in the image (no leading slash, as in layer entries) and the layer that
 * introduced it (0 is the base layer).
 */
public record PackageLocation(String path, int layer) {}
