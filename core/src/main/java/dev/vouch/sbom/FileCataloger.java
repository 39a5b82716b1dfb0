package dev.vouch.sbom;

import dev.vouch.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Finds packages inside one file as the layer pass streams it by (a jar, a package.json, a METADATA file): nothing
 * is kept but what it returns. The catalog keeps a file's packages only if that file is in the final image as that
 * layer wrote it, and gives them their location.
 */
public interface FileCataloger {
    /** Whether this cataloger reads this regular file (its path has no leading slash). */
    boolean wants(LayerEntry entry);

    /**
     * The packages in the file; their {@code locations} are filled in by the catalog (a package found inside a
     * nested archive may name its inner path, {@code outer.jar!inner.jar}). The stream is bounded to the file and
     * must not be closed.
     */
    Found read(String path, InputStream content) throws IOException;

    /** What one file holds: packages, and facts worth a note (a statically linked binary, say). */
    record Found(List<Package> packages, List<String> notes) {
        public Found {
            packages = List.copyOf(packages);
            notes = List.copyOf(notes);
        }

        static Found of(List<Package> packages) {
            return new Found(packages, List.of());
        }

        static final Found NOTHING = new Found(List.of(), List.of());
    }
}
