package dev.vouch.image;

import java.util.Set;

/**
 * The media types of the <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/media-types.md">OCI
 * image spec</a> and of <a href="https://distribution.github.io/distribution/spec/manifest-v2-2/">Docker's image
 * manifest v2 schema 2</a> that vouch reads.
 */
public final class MediaTypes {
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String OCI_LAYER_NONDIST = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public static final String OCI_LAYER_NONDIST_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public static final String OCI_LAYER_NONDIST_ZSTD = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
    public static final String OCI_DESCRIPTOR = "application/vnd.oci.descriptor.v1+json";

    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_V1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_MANIFEST_V1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_LAYER_FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    private static final Set<String> FOREIGN =
            Set.of(OCI_LAYER_NONDIST, OCI_LAYER_NONDIST_GZIP, OCI_LAYER_NONDIST_ZSTD, DOCKER_LAYER_FOREIGN);

    private MediaTypes() {}

    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
    }

    public static boolean isManifest(String mediaType) {
        return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
    }

    public static boolean isSchema1(String mediaType) {
        return DOCKER_MANIFEST_V1.equals(mediaType) || DOCKER_MANIFEST_V1_SIGNED.equals(mediaType);
    }

    /** Foreign (Docker) and non-distributable (OCI) layers: a registry need not serve them. */
    public static boolean isForeignLayer(String mediaType) {
        return mediaType != null && FOREIGN.contains(mediaType);
    }
}
