package dev.vouch.source;

import dev.vouch.engine.EngineKind;
import dev.vouch.error.EngineException;
import dev.vouch.error.InvalidInputException;
import dev.vouch.error.RegistryException;
import dev.vouch.error.UnsupportedInputException;
import dev.vouch.image.Image;
import dev.vouch.image.ImageRef;
import dev.vouch.image.Platform;
import dev.vouch.registry.ImageSourceMode;
import dev.vouch.registry.RegistryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves what the user typed into an {@link Image}: {@code oci:PATH[:TAG]}, {@code oci-archive:PATH[:TAG]},
 * {@code docker-archive:PATH[:REPO:TAG]} (the transports' syntax of skopeo and containers/image), a bare path, whose
 * format is detected from its content, or an image of a local engine: {@code docker-daemon:NAME|ID} and {@code
 * podman:NAME}. Anything else that parses as an image reference is a bare name: looked for in a reachable engine
 * first and on its registry otherwise, as {@link RegistryOptions#source()} says.
 */
public final class ImageSources {
    private ImageSources() {}

    /** Opens a local image; registry references need {@link #open(String, Platform, RegistryOptions)}. */
    public static Image open(String spec, Platform platform) throws IOException {
        return open(spec, platform, null);
    }

    /** Opens the image, local or on a registry; the caller closes it. */
    public static Image open(String spec, Platform platform, RegistryOptions registry) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("no image given");
        }
        if (spec.startsWith("oci:") || spec.startsWith("oci-archive:")) {
            String rest = spec.substring(spec.indexOf(':') + 1);
            PathAndName p = split(rest, spec);
            ArchiveAccess files = access(p.path());
            return withClose(files, () -> OciLayoutSource.open(files, spec, p.name(), platform));
        }
        if (spec.startsWith("docker-archive:")) {
            PathAndName p = split(spec.substring("docker-archive:".length()), spec);
            ArchiveAccess files = access(p.path());
            return withClose(files, () -> DockerArchiveSource.open(files, spec, p.name(), platform));
        }
        for (EngineKind kind : EngineKind.values()) {
            if (spec.startsWith(kind.prefix() + ":")) {
                String name = spec.substring(kind.prefix().length() + 1);
                if (name.isEmpty()) {
                    throw new InvalidInputException(spec + ": missing image name");
                }
                return EngineSource.openExplicit(kind, name, platform, registry);
            }
        }
        if (spec.startsWith("docker://")) {
            // the transport prefix names the registry: no engine is asked
            return fromRegistry(
                    spec.substring("docker://".length()),
                    platform,
                    registry == null ? null : registry.withSource(ImageSourceMode.REGISTRY));
        }
        Path path = pathOrNull(spec);
        if (path != null && Files.exists(path)) {
            ArchiveAccess files = access(path);
            return withClose(files, () -> {
                if (DockerArchiveSource.looksLike(files)) {
                    return DockerArchiveSource.open(files, spec, null, platform);
                }
                if (OciLayoutSource.looksLike(files)) {
                    return OciLayoutSource.open(files, spec, null, platform);
                }
                throw new InvalidInputException(
                        spec
                                + ": neither an OCI image layout (oci-layout, index.json) nor a docker-archive (manifest.json)");
            });
        }
        return fromRegistry(spec, platform, registry);
    }

    private static Image fromRegistry(String spec, Platform platform, RegistryOptions registry) throws IOException {
        ImageRef ref;
        try {
            ref = ImageRef.parse(spec);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(
                    "'" + spec + "' is neither an existing path nor a valid image reference: " + e.getMessage());
        }
        if (registry == null) {
            throw new UnsupportedInputException("this command reads local images only: " + ref.normalized());
        }
        if (registry.source() == ImageSourceMode.REGISTRY) {
            return RegistrySource.open(ref, platform, registry);
        }
        List<String> tried = new ArrayList<>();
        Image local = EngineSource.lookup(spec, platform, registry, tried);
        if (local != null) {
            return local;
        }
        if (registry.source() == ImageSourceMode.ENGINE) {
            throw new EngineException(
                    spec + ": not found in a local engine (--source engine); asked " + String.join("; ", tried));
        }
        // engines that answered, for the error: an absent socket is no engine, and says nothing worth a user's time
        List<String> asked =
                tried.stream().filter(t -> !t.endsWith(": no such socket")).toList();
        try {
            return RegistrySource.open(ref, platform, registry);
        } catch (RegistryException e) {
            if (asked.isEmpty()) {
                throw e;
            }
            throw new RegistryException(
                    e.getMessage() + " (and no local engine has it: " + String.join("; ", asked) + ")", e);
        }
    }

    private interface Opener {
        Image open() throws IOException;
    }

    private static Image withClose(ArchiveAccess files, Opener opener) throws IOException {
        try {
            return opener.open();
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
    }

    static ArchiveAccess access(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new DirectoryAccess(path);
        }
        if (Files.isRegularFile(path)) {
            return new TarAccess(path);
        }
        throw new InvalidInputException(path + ": no such file or directory");
    }

    private static Path pathOrNull(String text) {
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    record PathAndName(Path path, String name) {}

    /** The directory of an {@code oci:DIR[:TAG]} spec (the longest existing prefix), or null for other specs. */
    public static Path layoutDirectory(String spec) {
        if (!spec.startsWith("oci:")) {
            return null;
        }
        Path p = split(spec.substring(4), spec).path();
        return Files.isDirectory(p) ? p : null;
    }

    /**
     * Splits {@code PATH[:NAME]}: the longest prefix that exists is the path, so paths with colons work; when
     * nothing exists the whole text is the (missing) path.
     */
    static PathAndName split(String text, String spec) {
        if (text.isEmpty()) {
            throw new InvalidInputException(spec + ": missing path");
        }
        Path whole = pathOrNull(text);
        if (whole != null && Files.exists(whole)) {
            return new PathAndName(whole, null);
        }
        for (int i = text.lastIndexOf(':'); i > 0; i = text.lastIndexOf(':', i - 1)) {
            Path candidate = pathOrNull(text.substring(0, i));
            if (candidate != null && Files.exists(candidate)) {
                String name = text.substring(i + 1);
                return new PathAndName(candidate, name.isEmpty() ? null : name);
            }
        }
        throw new InvalidInputException(spec + ": no such file or directory");
    }
}
