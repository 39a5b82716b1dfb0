package dev.vouch.sign.dct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.cache.TrustCache;
import dev.vouch.error.VouchException;
import dev.vouch.image.Descriptor;
import dev.vouch.io.Json;
import dev.vouch.tuf.MetaFile;
import dev.vouch.tuf.Role;
import dev.vouch.tuf.SignedMetadata;
import dev.vouch.tuf.TufFailure;
import dev.vouch.tuf.TufKey;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker Content Trust for one tag: a TUF client over a Notary server's trust data, as the docker CLI's pull with
 * {@code DOCKER_CONTENT_TRUST=1} reads it (<a href="https://github.com/notaryproject/notary/blob/master/docs/service_architecture.md">Notary
 * service architecture</a>, <a href="https://theupdateframework.github.io/specification/latest/">TUF</a>).
 *
 * <p>The root is the one remembered for this server and repository (trusted on first use, like docker), or must be
 * signed by a pinned root key. A root that changed must be signed by the threshold of the remembered root's keys (a
 * rotation) and of its own, with a higher version. Then timestamp, snapshot and targets, each signed by the threshold
 * of its role's keys, not expired, not older than the version seen before, and (snapshot, targets, delegations) with
 * the length and hashes its parent lists. The tag is looked for in {@code targets/releases} first and then in
 * {@code targets} and its other delegations, each delegation signed by its own keys and allowed by its paths; its
 * signed sha256 and length must be those of the manifest the registry serves for the tag.
 */
public final class DctVerifier {
    private static final long MAX_ROOT = 2 << 20;
    private static final long MAX_TIMESTAMP = 1 << 20;
    private static final int MAX_DELEGATIONS = 64;
    private static final int MAX_DEPTH = 4;
    private static final String RELEASES = "targets/releases";

    /** Root pins: keys (from files) or key ids the root must be signed by; empty when trusted on first use. */
    public record Pins(List<PublicKey> keys, List<String> keyIds) {
        public Pins {
            keys = List.copyOf(keys);
            keyIds = List.copyOf(keyIds);
        }

        public static Pins none() {
            return new Pins(List.of(), List.of());
        }

        boolean any() {
            return !keys.isEmpty() || !keyIds.isEmpty();
        }
    }

    private final NotaryEndpoint endpoint;
    private final NotaryClient client;
    private final TrustCache.Entry cache;
    private final Pins pins;
    private final Instant now;

    public DctVerifier(NotaryEndpoint endpoint, TrustCache cache, Pins pins, Instant now) {
        this.endpoint = endpoint;
        this.client = new NotaryClient(endpoint);
        this.cache = cache == null ? null : cache.entry("dct", endpoint.server().toString(), endpoint.gun());
        this.pins = pins;
        this.now = now;
    }

    /**
     * Whether {@code tag} is signed for {@code manifest}, the descriptor of what the registry serves for it now.
     *
     * @throws IOException when the Notary server cannot be reached or the remembered trust data cannot be written
     */
    public DctResult verify(String tag, Descriptor manifest) throws IOException {
        try {
            return run(tag, manifest);
        } catch (TufFailure f) {
            return DctResult.invalid(endpoint, tag, f.getMessage());
        }
    }

    private DctResult run(String tag, Descriptor manifest) throws IOException, TufFailure {
        Map<String, Long> seen = seenVersions();
        byte[] rootBytes = client.fetch("root", MAX_ROOT);
        if (rootBytes == null) {
            return DctResult.notSigned(
                    endpoint, tag, "no trust data for " + endpoint.gun() + " on " + endpoint + " (never signed)");
        }
        SignedMetadata root = SignedMetadata.parse(rootBytes, "root", "Root");
        Map<String, TufKey> rootKeys = keys(root.signed().path("keys"), "root.json");
        root.verify(role(root.signed().path("roles"), "root", "root.json"), rootKeys, now);
        root.checkExpiry(now);
        String rootTrust = checkRootTrust(root, rootBytes, seen);

        JsonNode roles = root.signed().path("roles");
        byte[] tsBytes = require(client.fetch("timestamp", MAX_TIMESTAMP), "timestamp");
        SignedMetadata timestamp = SignedMetadata.parse(tsBytes, "timestamp", "Timestamp");
        timestamp.verify(role(roles, "timestamp", "root.json"), rootKeys, now);
        timestamp.checkExpiry(now);
        timestamp.checkNotOlder(seen.get("timestamp"));

        MetaFile snapshotMeta =
                MetaFile.read(timestamp.signed().path("meta").path("snapshot"), "timestamp.json: snapshot");
        byte[] snapBytes = require(client.fetch("snapshot", snapshotMeta.length()), "snapshot");
        snapshotMeta.check(snapBytes, "snapshot.json", "timestamp.json");
        SignedMetadata snapshot = SignedMetadata.parse(snapBytes, "snapshot", "Snapshot");
        snapshot.verify(role(roles, "snapshot", "root.json"), rootKeys, now);
        snapshot.checkExpiry(now);
        snapshot.checkNotOlder(seen.get("snapshot"));
        JsonNode listed = snapshot.signed().path("meta");
        if (listed.has("root")) {
            MetaFile.read(listed.path("root"), "snapshot.json: root").check(rootBytes, "root.json", "snapshot.json");
        }

        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put("root", root.version());
        versions.put("timestamp", timestamp.version());
        versions.put("snapshot", snapshot.version());
        SignedMetadata targets = fetchRole("targets", listed, role(roles, "targets", "root.json"), rootKeys, seen);
        versions.put("targets", targets.version());

        // the roles in the order docker asks them: targets/releases, then targets and the rest of its delegations
        List<Found> found = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        walk(targets, "targets", List.of(), listed, seen, versions, tag, found, refused, new int[] {0});
        found.sort((a, b) -> Boolean.compare(!a.role.startsWith(RELEASES), !b.role.startsWith(RELEASES)));
        remember(rootBytes, rootTrust, versions, seen);

        List<String> rootIds =
                root.signed().path("roles").path("root").path("keyids").findValuesAsText("keyids");
        rootIds = new ArrayList<>();
        for (JsonNode id : root.signed().path("roles").path("root").path("keyids")) {
            rootIds.add(id.asText());
        }
        if (found.isEmpty()) {
            String why = refused.isEmpty()
                    ? "no trust data for tag " + tag + " (the repository has trust data, but this tag was never signed)"
                    : String.join("; ", refused);
            return new DctResult(
                    refused.isEmpty() ? DctResult.Status.NOT_SIGNED : DctResult.Status.INVALID,
                    endpoint.server().toString(),
                    endpoint.gun(),
                    tag,
                    null,
                    null,
                    null,
                    rootIds,
                    rootTrust,
                    why);
        }
        Found f = found.get(0);
        String signed = "sha256:" + HexFormat.of().formatHex(f.sha256);
        String reason = null;
        if (!manifest.digest().algorithm().equals("sha256")
                || !manifest.digest().hex().equals(HexFormat.of().formatHex(f.sha256))) {
            reason = "the registry serves " + manifest.digest() + " for tag " + tag + ", but " + f.role + " signs "
                    + signed + ": the tag was pushed again without signing, or the signed image was replaced";
        } else if (manifest.size() != f.length) {
            reason = f.role + " signs a manifest of " + f.length + " bytes for tag " + tag + ", the registry's is "
                    + manifest.size();
        }
        return new DctResult(
                reason == null ? DctResult.Status.VERIFIED : DctResult.Status.INVALID,
                endpoint.server().toString(),
                endpoint.gun(),
                tag,
                f.role,
                signed,
                f.length,
                rootIds,
                rootTrust,
                reason);
    }

    private record Found(String role, byte[] sha256, long length) {}

    /**
     * Looks for the tag in {@code meta} (a verified targets role) and its delegations, depth first; each delegation
     * is fetched, checked against the snapshot, and verified with the keys its parent gave it.
     */
    private void walk(
            SignedMetadata meta,
            String name,
            List<List<String>> pathChain,
            JsonNode listed,
            Map<String, Long> seen,
            Map<String, Long> versions,
            String tag,
            List<Found> found,
            List<String> refused,
            int[] count)
            throws IOException, TufFailure {
        JsonNode target = meta.signed().path("targets").path(tag);
        if (target.isObject()) {
            List<String> denied = deniedBy(pathChain, tag);
            if (denied != null) {
                refused.add(name + " signs tag " + tag + " but may not: its delegation allows only paths " + denied);
            } else {
                MetaFile t = MetaFile.read(target, name + ".json: target " + tag);
                if (t.sha256() == null || t.sha256().length != 32) {
                    throw new TufFailure(name + ".json: target " + tag + " has no sha256");
                }
                found.add(new Found(name, t.sha256(), t.length()));
            }
        }
        JsonNode delegations = meta.signed().path("delegations");
        if (!delegations.path("roles").isArray() || delegations.path("roles").isEmpty()) {
            return;
        }
        if (pathChain.size() >= MAX_DEPTH) {
            throw new TufFailure(name + ".json delegates deeper than " + MAX_DEPTH + " levels");
        }
        Map<String, TufKey> keys = keys(delegations.path("keys"), name + ".json delegations");
        for (JsonNode d : delegations.path("roles")) {
            if (++count[0] > MAX_DELEGATIONS) {
                throw new TufFailure("more than " + MAX_DELEGATIONS + " delegations");
            }
            String child = d.path("name").asText("");
            if (!child.startsWith(name + "/")
                    || !child.substring(name.length() + 1).matches("[A-Za-z0-9_.-]{1,255}")
                    || child.endsWith("/..")
                    || child.contains("/../")
                    || child.endsWith("/.")) {
                throw new TufFailure(name + ".json delegates to an invalid role name '" + child + "'");
            }
            List<String> paths = new ArrayList<>();
            if (d.has("path_hash_prefixes")) {
                throw new TufFailure(child + ": path_hash_prefixes are not supported");
            }
            for (JsonNode p : d.path("paths")) {
                paths.add(p.asText());
            }
            if (!listed.has(child)) {
                continue; // delegated but never published: nothing signed by it
            }
            SignedMetadata delegated = fetchRole(child, listed, role(d, child), keys, seen);
            versions.put(child, delegated.version());
            List<List<String>> chain = new ArrayList<>(pathChain);
            chain.add(paths);
            walk(delegated, child, chain, listed, seen, versions, tag, found, refused, count);
        }
    }

    /** The paths of the first delegation on the chain that does not allow {@code tag}, or null when all do. */
    private static List<String> deniedBy(List<List<String>> chain, String tag) {
        for (List<String> paths : chain) {
            if (paths.stream().noneMatch(tag::startsWith)) {
                return paths;
            }
        }
        return null;
    }

    private SignedMetadata fetchRole(
            String name, JsonNode listed, Role role, Map<String, TufKey> keys, Map<String, Long> seen)
            throws IOException, TufFailure {
        if (!listed.has(name)) {
            throw new TufFailure("snapshot.json does not list " + name + ".json");
        }
        MetaFile meta = MetaFile.read(listed.path(name), "snapshot.json: " + name);
        byte[] bytes = require(client.fetch(name, meta.length()), name);
        meta.check(bytes, name + ".json", "snapshot.json");
        SignedMetadata m = SignedMetadata.parse(bytes, name, "Targets");
        m.verify(role, keys, now);
        m.checkExpiry(now);
        m.checkNotOlder(seen.get(name));
        return m;
    }

    /** How the root is trusted; fails when it is neither the remembered one, a valid rotation of it, nor pinned. */
    private String checkRootTrust(SignedMetadata root, byte[] rootBytes, Map<String, Long> seen)
            throws IOException, TufFailure {
        Role rootRole = role(root.signed().path("roles"), "root", "root.json");
        Map<String, TufKey> keys = keys(root.signed().path("keys"), "root.json");
        if (pins.any()) {
            List<String> pinned = new ArrayList<>();
            for (String id : rootRole.keyIds()) {
                TufKey k = keys.get(id);
                if (k != null
                        && (pins.keyIds().contains(id) || pins.keys().stream().anyMatch(k::sameKey))) {
                    pinned.add(id);
                }
            }
            if (pinned.isEmpty()) {
                throw new TufFailure("the root of " + endpoint.gun() + " is not signed by the pinned root key (its root"
                        + " keys: " + String.join(", ", rootRole.keyIds()) + ")");
            }
            root.verify(new Role("root (pinned)", pinned, 1), keys, now);
            return "pinned";
        }
        byte[] trusted = cache == null ? null : cache.read("root.json").orElse(null);
        if (trusted == null) {
            return "trusted on first use now";
        }
        if (Arrays.equals(trusted, rootBytes)) {
            return "remembered";
        }
        SignedMetadata old;
        try {
            old = SignedMetadata.parse(trusted, "root", "Root");
        } catch (TufFailure e) {
            throw new TufFailure("the remembered root of " + endpoint.gun() + " (" + cache.dir() + ") is unreadable: "
                    + e.getMessage());
        }
        if (root.version() <= old.version()) {
            throw new TufFailure("the root of " + endpoint.gun() + " changed without a valid rotation: version "
                    + root.version() + " replaces the trusted version " + old.version());
        }
        try {
            root.verify(
                    role(old.signed().path("roles"), "root", "the remembered root.json"),
                    keys(old.signed().path("keys"), "the remembered root.json"),
                    now);
        } catch (TufFailure e) {
            throw new TufFailure("the root of " + endpoint.gun() + " changed without a valid rotation: the trusted root"
                    + " keys did not sign the new root (" + e.getMessage() + ")");
        }
        return "rotated";
    }

    private void remember(byte[] rootBytes, String rootTrust, Map<String, Long> versions, Map<String, Long> seen)
            throws IOException {
        if (cache == null) {
            return;
        }
        if (!rootTrust.equals("remembered")) {
            cache.write("root.json", rootBytes);
        }
        if (versions.equals(seen)) {
            return; // nothing new to remember
        }
        ObjectNode v = Json.compact().createObjectNode();
        versions.forEach(v::put);
        cache.write("versions.json", Json.compact().writeValueAsBytes(v));
    }

    private Map<String, Long> seenVersions() throws IOException {
        Map<String, Long> seen = new LinkedHashMap<>();
        if (cache == null) {
            return seen;
        }
        byte[] bytes = cache.read("versions.json").orElse(null);
        if (bytes == null) {
            return seen;
        }
        try {
            var fields = Json.tree(bytes, cache.dir() + "/versions.json").fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (f.getValue().canConvertToLong()) {
                    seen.put(f.getKey(), f.getValue().asLong());
                }
            }
        } catch (VouchException e) {
            // an unreadable record of versions is no record; the next verified answer replaces it
        }
        return seen;
    }

    private static byte[] require(byte[] bytes, String role) throws TufFailure {
        if (bytes == null) {
            throw new TufFailure("the notary server has root.json but no " + role + ".json");
        }
        return bytes;
    }

    private static Map<String, TufKey> keys(JsonNode node, String where) throws TufFailure {
        Map<String, TufKey> keys = new LinkedHashMap<>();
        if (!node.isObject()) {
            throw new TufFailure(where + ": no keys");
        }
        if (node.size() > 256) {
            throw new TufFailure(where + ": more than 256 keys");
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            keys.put(f.getKey(), TufKey.notary(f.getKey(), f.getValue(), where));
        }
        return keys;
    }

    private static Role role(JsonNode roles, String name, String where) throws TufFailure {
        JsonNode r = roles.path(name);
        if (!r.isObject()) {
            throw new TufFailure(where + " has no " + name + " role");
        }
        return role(r, name);
    }

    private static Role role(JsonNode r, String name) throws TufFailure {
        List<String> ids = new ArrayList<>();
        for (JsonNode id : r.path("keyids")) {
            ids.add(id.asText());
        }
        int threshold = r.path("threshold").asInt(0);
        if (ids.isEmpty() || threshold < 1 || threshold > ids.size()) {
            throw new TufFailure(
                    "the " + name + " role has threshold " + threshold + " over " + ids.size() + " key(s)");
        }
        return new Role(name, ids, threshold);
    }
}
