package dev.vouch.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Finds packages inside one file as the layer pass streams it by (a jar, a package.json, a METADATA file): nothing
 * is kept but what it returns. The catalog keeps a file's packages only if that file is in the final image as that
 * layer wrote it, and gives them their location.
 */
public interface FileCataloger {
    /** Whether this cataloger reads the file at {@code path} of this size (no leading slash). */
    boolean wants(String path, long size);

    /**
     * The packages in the file; their {@code locations} are filled in by the catalog (a package found inside a
     * nested archive may name its inner path, {@code outer.jar!inner.jar}). The stream is bounded to the file and
     * must not be closed.
     */
    List<Package> read(String path, InputStream content) throws IOException;
}
