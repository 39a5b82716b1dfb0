package dev.vouch.server.admission;

/** What digest an image reference names now (a tag asks the registry; a digest is itself). */
@FunctionalInterface
public interface DigestResolver {
    /** @return the digest, such as {@code sha256:…} */
    String digest(String image) throws Exception;
}
