package dev.vouch.cli;

import dev.vouch.image.Image;
import dev.vouch.image.Platform;
import dev.vouch.source.ImageSources;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every verb that reads one image shares: the image, its platform, registry access. */
final class ImageOptions {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "IMAGE",
            description = "A registry reference (nginx:1.27, ghcr.io/o/r@sha256:…, 127.0.0.1:5000/team/app:1),"
                    + " oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REPO:TAG], or a path to one.")
    String image;

    @Option(
            names = "--platform",
            paramLabel = "OS/ARCH[/VARIANT]",
            description = "Platform to select from a multi-platform image (default: linux/amd64).")
    String platform;

    @Mixin
    RegistryFlags registry;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    enum Format {
        text,
        json
    }

    /** The platform asked for (default linux/amd64). */
    Platform platform() {
        return platform == null ? Platform.LINUX_AMD64 : Platform.parse(platform);
    }

    /** Warns on stderr when the image's name looks like a well-known one but is not (a path is not a name). */
    void warnLookAlike() {
        if (image != null
                && mixee != null
                && !java.nio.file.Files.exists(java.nio.file.Path.of(image.replaceFirst("^[a-z-]+:", "")))) {
            LookAlike.warn(mixee, image);
        }
    }

    Image open(Main.Context context) throws IOException {
        if (image == null) {
            throw new dev.vouch.error.InvalidInputException("missing IMAGE (see --help)");
        }
        if (mixee != null && !java.nio.file.Files.exists(java.nio.file.Path.of(image.replaceFirst("^[a-z-]+:", "")))) {
            LookAlike.warn(mixee, image);
        }
        Platform p = platform == null ? Platform.LINUX_AMD64 : Platform.parse(platform);
        return ImageSources.open(image, p, registry.build(context));
    }
}
