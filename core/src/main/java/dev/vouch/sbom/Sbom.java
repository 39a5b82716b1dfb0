package dev.vouch.sbom;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.image.Digest;
import java.util.List;

/**
 * What an image contains: its distribution, its packages (each with the layer that introduced it) and notes on
 * what could not be read (so that a missing package list never reads as "no packages").
 *
 * @param image the reference the user gave
 * @param digest the image (manifest) digest
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sbom(
        String image,
        Digest digest,
        Distro distro,
        List<Package> packages,
        List<SbomLayer> layers,
        List<String> notes) {
    public Sbom {
        packages = List.copyOf(packages);
        layers = List.copyOf(layers);
        notes = List.copyOf(notes);
    }
}
