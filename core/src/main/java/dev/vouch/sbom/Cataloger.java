package dev.vouch.sbom;

/**
 * Finds packages of one kind (the shape of Syft's catalogers): it names the files whose content it needs, the
 * single streaming pass over the layers keeps those (from every layer, so a package can be traced to the layer
 * that introduced it), and after the walk it reads them and reports packages and notes.
 */
public interface Cataloger {
    /** Whether this cataloger reads the file at {@code path} (relative to the image root, no leading slash). */
    boolean wants(String path);

    /** Reads what was kept and adds packages (and notes on what it could not read) to the context. */
    void catalog(CatalogContext ctx);
}
