package dev.vouch.cli;

import dev.vouch.image.Digest;
import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;

/** What a registry reference names now: by its digest when it has one (checked), else by its tag. */
final class References {
    private References() {}

    /** The manifest or index the reference names, its bytes checked against the digest asked for or served. */
    static RegistryClient.ManifestBody current(RegistryClient client, ImageRef ref) {
        return client.getManifest(
                ref.path(), ref.digest() != null ? ref.digest().toString() : ref.tag());
    }

    /** The digest the reference names now (a tag is resolved by HEAD where the registry allows it). */
    static Digest digest(RegistryClient client, ImageRef ref) {
        return ref.digest() != null
                ? current(client, ref).digest()
                : client.resolve(ref.path(), ref.tag()).descriptor().digest();
    }
}
