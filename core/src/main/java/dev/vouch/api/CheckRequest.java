package dev.vouch.api;

import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Platform;
import dev.vouch.io.BoundedReads;
import dev.vouch.policy.Policies;
import dev.vouch.policy.PolicyEngine;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.sign.CosignKeys;
import dev.vouch.sign.IdentityPolicy;
import dev.vouch.sign.SignatureVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to check and how: the image, where it comes from, how it is said to have been built, which signatures and
 * lock it must match, which advisories and which policy judge it. Made with {@link #builder(String)}; every file the
 * builder is given is read and checked when it is given, so a broken key or policy fails before any download.
 *
 * @param image a registry reference, {@code oci:DIR[:TAG]}, {@code oci-archive:FILE}, {@code docker-archive:FILE} or
 *     a path (see docs/api.md)
 * @param platform the platform to select from a multi-platform image
 * @param registry registry access: credentials, TLS, insecure hosts, the blob cache
 * @param dockerfileName the Dockerfile's name as reports show it, or null when none is given
 * @param dockerfile the Dockerfile's text, or null
 * @param buildArgs build arguments, as {@code docker build --build-arg} takes them
 * @param target the stage built, or null for the last
 * @param base the base image to verify against, or null (the base.name annotation or label, then the FROM)
 * @param keys public keys cosign signatures must verify with
 * @param identity the keyless signer identity and OIDC issuer, or null
 * @param trustedRoot the Sigstore trusted root for keyless verification, or null
 * @param lock a lock file ({@code vouch lock}) the tag must still match, or null
 * @param vulnerabilityDatabase the OSV database (SQLite), or null
 * @param osv OSV records to match for this check only, in a temporary database, instead of the database
 * @param policy the policy that decides the verdict, or null for evidence only
 * @param progress how the check shows its progress
 * @param contentTrust Docker Content Trust to require of the tag (as {@code DOCKER_CONTENT_TRUST=1} does), or null
 * @param notation Notation's trust policy and store, to require a valid Notation signature, or null
 * @param layerResults where layers' results are kept between checks, or null for the directory beside the blob
 *     cache (none when there is no blob cache); a server gives its database
 */
public record CheckRequest(
        String image,
        Platform platform,
        RegistryOptions registry,
        String dockerfileName,
        String dockerfile,
        Map<String, String> buildArgs,
        String target,
        String base,
        List<SignatureVerifier.NamedKey> keys,
        IdentityPolicy identity,
        Path trustedRoot,
        Path lock,
        Path vulnerabilityDatabase,
        List<Path> osv,
        PolicyEngine policy,
        CheckProgress progress,
        dev.vouch.sign.dct.DctOptions contentTrust,
        dev.vouch.sign.notation.NotationTrust notation,
        dev.vouch.layer.LayerResultStore layerResults) {

    public CheckRequest {
        if (image == null) {
            throw new InvalidInputException("missing IMAGE (see --help)");
        }
        platform = platform == null ? Platform.LINUX_AMD64 : platform;
        registry = registry == null ? RegistryOptions.defaults(System.getenv()) : registry;
        buildArgs = Map.copyOf(buildArgs == null ? Map.of() : buildArgs);
        keys = List.copyOf(keys == null ? List.of() : keys);
        osv = List.copyOf(osv == null ? List.of() : osv);
        progress = progress == null ? CheckProgress.NONE : progress;
    }

    /** A request for this image, to be completed with the builder's methods. */
    public static Builder builder(String image) {
        return new Builder(image);
    }

    /** The same request keeping layers' results in this store. */
    public CheckRequest withLayerResults(dev.vouch.layer.LayerResultStore store) {
        return copy(image, store);
    }

    /** The same request for another image (a server checks many images with one set of options). */
    public CheckRequest forImage(String other) {
        return copy(other, layerResults);
    }

    private CheckRequest copy(String otherImage, dev.vouch.layer.LayerResultStore store) {
        return new CheckRequest(
                otherImage,
                platform,
                registry,
                dockerfileName,
                dockerfile,
                buildArgs,
                target,
                base,
                keys,
                identity,
                trustedRoot,
                lock,
                vulnerabilityDatabase,
                osv,
                policy,
                progress,
                contentTrust,
                notation,
                store);
    }

    /** Builds a {@link CheckRequest}. */
    public static final class Builder {
        private final String image;
        private Platform platform;
        private RegistryOptions registry;
        private String dockerfileName;
        private String dockerfile;
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private String target;
        private String base;
        private final List<SignatureVerifier.NamedKey> keys = new ArrayList<>();
        private IdentityPolicy identity;
        private Path trustedRoot;
        private Path lock;
        private Path vulnerabilityDatabase;
        private final List<Path> osv = new ArrayList<>();
        private PolicyEngine policy;
        private CheckProgress progress;
        private dev.vouch.sign.dct.DctOptions contentTrust;
        private dev.vouch.sign.notation.NotationTrust notation;
        private dev.vouch.layer.LayerResultStore layerResults;

        private Builder(String image) {
            this.image = image;
        }

        /** The platform to select (default linux/amd64). */
        public Builder platform(Platform p) {
            this.platform = p;
            return this;
        }

        /** Registry access (default: the credentials docker and podman stored, the default cache). */
        public Builder registry(RegistryOptions r) {
            this.registry = r;
            return this;
        }

        /** The Dockerfile said to have built the image, as text, with the name reports show. */
        public Builder dockerfile(String name, String text) {
            this.dockerfileName = name;
            this.dockerfile = text;
            return this;
        }

        /** The Dockerfile said to have built the image, read from a file (4 MiB at most, UTF-8). */
        public Builder dockerfile(Path file) throws IOException {
            byte[] bytes = BoundedReads.readFile(file, 4 << 20);
            try {
                String text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes))
                        .toString();
                return dockerfile(file.toString(), text);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new InvalidInputException(file + ": not UTF-8 text");
            }
        }

        public Builder buildArg(String name, String value) {
            buildArgs.put(name, value);
            return this;
        }

        public Builder buildArgs(Map<String, String> args) {
            buildArgs.putAll(args);
            return this;
        }

        /** The stage built (default: the last). */
        public Builder target(String stage) {
            this.target = stage;
            return this;
        }

        /** The base image to verify against. */
        public Builder base(String reference) {
            this.base = reference;
            return this;
        }

        /** A public key cosign signatures must verify with (cosign.pub, PKCS#8 or SEC1 PEM), read now. */
        public Builder key(Path file) throws IOException {
            String text = new String(BoundedReads.readFile(file, 64 << 10), StandardCharsets.UTF_8);
            return key(new SignatureVerifier.NamedKey(file.toString(), CosignKeys.readPublic(text, file.toString())));
        }

        public Builder key(SignatureVerifier.NamedKey key) {
            keys.add(key);
            return this;
        }

        /** Keyless signatures: who must have signed, and the Sigstore trusted root to check them against. */
        public Builder keyless(IdentityPolicy who, Path root) {
            this.identity = who;
            this.trustedRoot = root;
            return this;
        }

        /** A lock file the tag must still match. */
        public Builder lock(Path file) {
            this.lock = file;
            return this;
        }

        /** The OSV vulnerability database (vouch db import); when the file does not exist, the check says so. */
        public Builder vulnerabilityDatabase(Path file) {
            this.vulnerabilityDatabase = file;
            return this;
        }

        /** OSV records (.json files, directories, all.zip) matched for this check only. */
        public Builder osv(Path records) {
            this.osv.add(records);
            return this;
        }

        /** A loaded policy. */
        public Builder policy(PolicyEngine engine) {
            this.policy = engine;
            return this;
        }

        /** {@code baseline}, {@code strict}, or a policy file, loaded and type-checked now. */
        public Builder policy(String nameOrFile) throws IOException {
            this.policy = Policies.load(nameOrFile);
            return this;
        }

        public Builder progress(CheckProgress p) {
            this.progress = p;
            return this;
        }

        /** Requires Docker Content Trust of the tag: signed in its Notary server for what the registry serves. */
        public Builder contentTrust(dev.vouch.sign.dct.DctOptions options) {
            this.contentTrust = options;
            return this;
        }

        /** Requires a Notation signature valid under this trust policy and store. */
        /** Where layers' results are kept between checks (a server's database), instead of beside the blob cache. */
        public Builder layerResults(dev.vouch.layer.LayerResultStore store) {
            this.layerResults = store;
            return this;
        }

        public Builder notation(dev.vouch.sign.notation.NotationTrust trust) {
            this.notation = trust;
            return this;
        }

        public CheckRequest build() {
            return new CheckRequest(
                    image,
                    platform,
                    registry,
                    dockerfileName,
                    dockerfile,
                    buildArgs,
                    target,
                    base,
                    keys,
                    identity,
                    trustedRoot,
                    lock,
                    vulnerabilityDatabase,
                    osv,
                    policy,
                    progress,
                    contentTrust,
                    notation,
                    layerResults);
        }
    }
}
