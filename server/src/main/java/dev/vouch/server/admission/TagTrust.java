package dev.vouch.server.admission;

/**
 * Docker Content Trust at admission: whether an image's tag is signed for the digest being admitted (Portieris'
 * {@code trust} policy). A rule with {@code trust: dct} asks it of every image it judges.
 */
@FunctionalInterface
public interface TagTrust {
    /** Denies every image: the server was started without content trust. */
    TagTrust NOT_CONFIGURED = (image, digest) -> "Docker Content Trust is required but the server cannot check it";

    /**
     * @param image the image as the pod names it ({@code REPO:TAG} or {@code REPO:TAG@DIGEST})
     * @param digest the digest admitted for it
     * @return null when the tag is signed for that digest, else why not
     */
    String untrusted(String image, String digest) throws Exception;
}
