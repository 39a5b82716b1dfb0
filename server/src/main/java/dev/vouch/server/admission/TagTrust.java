package dev.vouch.server.admission;

/**
 * A signature required at admission: whether an image is signed for the digest being admitted, by Docker Content
 * Trust (its tag, Portieris' {@code trust} policy) or Notation. A rule with {@code trust: dct|notation} asks it of
 * every image it judges.
 */
@FunctionalInterface
public interface TagTrust {
    /** Denies every image: the server was started without content trust. */
    TagTrust NOT_CONFIGURED = (image, digest) -> "a signature is required but the server cannot check that kind";

    /**
     * @param image the image as the pod names it ({@code REPO:TAG} or {@code REPO:TAG@DIGEST})
     * @param digest the digest admitted for it
     * @return null when the tag is signed for that digest, else why not
     */
    String untrusted(String image, String digest) throws Exception;
}
