package dev.vouch.api.evidence;

import dev.vouch.api.CheckRequest;
import dev.vouch.fs.WalkResult;
import dev.vouch.image.Digest;
import dev.vouch.image.Image;
import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;
import dev.vouch.trace.Tracer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image a check opened and read, and what providers share about where it came from: the registry repository
 * and the digest its reference names now (looked up once, by the first provider that needs them).
 */
public final class CheckContext {
    private final CheckRequest request;
    private final Image image;
    private final WalkResult walk;
    private final Tracer.BaseOpener opener;
    private RegistryClient client;
    private Digest top;

    public CheckContext(CheckRequest request, Image image, WalkResult walk, Tracer.BaseOpener opener) {
        this.request = request;
        this.image = image;
        this.walk = walk;
        this.opener = opener;
    }

    public CheckRequest request() {
        return request;
    }

    public Image image() {
        return image;
    }

    public WalkResult walk() {
        return walk;
    }

    /** Opens another image (a base to verify against) the way the checked one was opened. */
    public Tracer.BaseOpener opener() {
        return opener;
    }

    /**
     * Whether the image was named by a registry reference (not a layout, an archive or a path); an image read from a
     * local engine is on a registry only when the engine recorded a registry digest for its repository.
     */
    public boolean onRegistry() {
        String spec = request.image();
        boolean named = ImageRef.isReference(spec) && !spec.startsWith("oci") && !Files.exists(Path.of(spec));
        if (named && image.engine() != null) {
            return image.engine().registryDigest(reference().name()) != null;
        }
        return named;
    }

    /** The reference of a registry image. */
    public ImageRef reference() {
        String spec = request.image();
        return ImageRef.parse(spec.startsWith("docker://") ? spec.substring(9) : spec);
    }

    /** The client of the image's repository. */
    public RegistryClient client() {
        if (client == null) {
            client = RegistryClient.forRepository(reference(), request.registry());
        }
        return client;
    }

    /** The digest the reference names now (a tag resolved by HEAD, a digest checked against the bytes served). */
    public Digest currentDigest() {
        if (top == null && image.engine() != null) {
            // the local copy's own registry digest, not whatever the tag names on the registry now
            top = image.engine().registryDigest(reference().name());
        }
        if (top == null) {
            ImageRef ref = reference();
            top = ref.digest() != null
                    ? client().getManifest(ref.path(), ref.digest().toString()).digest()
                    : client().resolve(ref.path(), ref.tag()).descriptor().digest();
        }
        return top;
    }
}
