package dev.vouch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.IntegrityException;
import dev.vouch.error.InvalidInputException;
import dev.vouch.error.RegistryException;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import dev.vouch.image.ImageIndex;
import dev.vouch.image.MediaTypes;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of one registry's <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md">OCI
 * distribution API</a> (and Docker's registry API v2, which it grew from), for reading: the {@code /v2/} ping
 * and its challenge, manifests by tag or digest, blobs (with ranges, for resuming), tag lists and the catalog
 * with {@code Link} pagination, and referrers with the fallback to the referrers tag schema. Every request runs
 * through {@link Transport} (retries, redirects, timeouts) with the {@link Authenticator}'s header, and is tried
 * once more after a 401 with a fresh token. What a manifest request returns is hashed here and held to the digest
 * asked for, or to the {@code Docker-Content-Digest} header.
 */
public final class RegistryClient {
    /** The Accept header for manifests: OCI and Docker v2 schema 2, never schema 1. */
    static final String MANIFEST_ACCEPT = String.join(
            ", ", MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_LIST, MediaTypes.DOCKER_MANIFEST);

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_PAGES = 10_000;
    private static final int MAX_NAMES = 1_000_000;
    private static final int MAX_LIST_BYTES = 8 << 20;

    /** A manifest as the registry served it: the bytes, their media type and the digest they hash to. */
    public record ManifestBody(byte[] bytes, String mediaType, Digest digest) {
        public Descriptor descriptor() {
            return Descriptor.of(mediaType, digest, bytes.length);
        }
    }

    private final RegistryHost host;
    private final Transport transport;
    private final Authenticator auth;
    private URI base;

    /**
     * @param credentialsFor the repository whose credentials to look up (auth.json keys may name a namespace), or
     *     null for the registry's
     */
    public RegistryClient(RegistryHost host, RegistryOptions options, String credentialsFor) {
        this.host = host;
        this.transport = new Transport(host, options);
        CredentialLookup lookup = new CredentialLookup(options.env());
        this.auth = new Authenticator(host, transport, () -> {
            if (options.credentials() != null) {
                return Optional.of(options.credentials());
            }
            return lookup.find(host, credentialsFor);
        });
    }

    /** A client of the registry a reference names, with the credentials of its repository. */
    public static RegistryClient forRepository(dev.vouch.image.ImageRef ref, RegistryOptions options) {
        return new RegistryClient(RegistryHost.of(ref.domain(), options.insecure()), options, ref.path());
    }

    public RegistryHost host() {
        return host;
    }

    /** {@code GET /v2/}: checks that a registry answers and learns how it wants to be authenticated. */
    public synchronized void ping() {
        if (base != null) {
            return;
        }
        // Loopback tries plain HTTP first: nothing leaves the host, and it spares a TLS handshake that would fail.
        // A TLS server answers plain HTTP with 400 and is then spoken to in TLS. Hosts named insecure try TLS first
        // and fall back to plain HTTP only when the handshake fails; all others speak TLS only.
        URI uri;
        Transport.Response first;
        if (RegistryHost.isLoopback(host.name())) {
            uri = host.base(false);
            first = get(uri);
            if (first.status() == 400) {
                Transport.closeQuietly(first);
                uri = host.base(true);
                first = get(uri);
            }
        } else {
            uri = host.base(true);
            try {
                first = get(uri);
            } catch (RegistryException tlsFailure) {
                if (!host.httpAllowed() || !Transport.cause(tlsFailure, javax.net.ssl.SSLException.class)) {
                    throw tlsFailure;
                }
                uri = host.base(false);
                first = get(uri);
                if (first.status() == 400) {
                    Transport.closeQuietly(first);
                    throw tlsFailure;
                }
            }
        }
        try (Transport.Response r = first) {
            if (r.status() == 401) {
                auth.challenged(r.header("WWW-Authenticate"));
            } else if (r.status() == 404) {
                throw new RegistryException(host + " is not a container registry (GET /v2/ answered 404)");
            } else if (r.status() >= 400 && r.status() != 403) {
                throw RegistryErrors.of(host, null, "/v2/", r, auth.note());
            }
            auth.reachedOver(uri.getScheme());
            base = uri;
        } catch (IOException e) {
            throw transport.describe(uri, e, 1);
        }
    }

    private Transport.Response get(URI uri) {
        return transport.send(new Transport.Request("GET", uri, Map.of(), null));
    }

    /**
     * {@code HEAD} of a manifest: its descriptor, from the Docker-Content-Digest, Content-Type and Content-Length
     * headers; empty when the registry does not answer HEAD with all three (the caller then GETs).
     */
    public Optional<Descriptor> headManifest(String repo, String reference) {
        Transport.Response r = request(repo, "HEAD", "manifests/" + reference, Map.of("Accept", MANIFEST_ACCEPT));
        try (r) {
            if (r.status() != 200) {
                return Optional.empty();
            }
            String digest = r.header("Docker-Content-Digest");
            String type = r.header("Content-Type");
            String length = r.header("Content-Length");
            if (digest == null
                    || type == null
                    || length == null
                    || !length.strip().matches("\\d{1,18}")) {
                return Optional.empty();
            }
            Digest d;
            try {
                d = Digest.parse(digest.strip());
            } catch (InvalidInputException e) {
                return Optional.empty();
            }
            return Optional.of(Descriptor.of(mediaType(type), d, Long.parseLong(length.strip())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A tag's current manifest: by {@code HEAD} when the registry answers it with the digest, else by {@code GET}
     * (the body then comes along, hashed and checked against the header).
     *
     * @return the descriptor, and the body when a GET was needed
     */
    public Resolved resolve(String repo, String tag) {
        Optional<Descriptor> head = headManifest(repo, tag);
        if (head.isPresent()) {
            return new Resolved(head.get(), null);
        }
        ManifestBody body = getManifest(repo, tag);
        return new Resolved(body.descriptor(), body);
    }

    /** A resolved tag: the manifest's descriptor, and its body when it was fetched to learn the digest. */
    public record Resolved(Descriptor descriptor, ManifestBody body) {}

    /**
     * {@code GET} of a manifest by tag or digest, bounded and hashed. By digest, the bytes must hash to it; by tag,
     * to the Docker-Content-Digest header when there is one (in the header's algorithm).
     */
    public ManifestBody getManifest(String repo, String reference) {
        String what = (reference.contains(":") ? "manifest " : "tag ") + reference;
        Transport.Response r = request(repo, "GET", "manifests/" + reference, Map.of("Accept", MANIFEST_ACCEPT));
        try (r) {
            if (r.status() != 200) {
                throw RegistryErrors.of(host, repo, what, r, auth.note());
            }
            byte[] bytes =
                    BoundedReads.readAll(r.body(), BoundedReads.MAX_MANIFEST_BYTES, host + "/" + repo + " " + what);
            String type = mediaType(r.header("Content-Type"));
            Digest asked = reference.contains(":") ? Digest.parse(reference) : null;
            String header = r.header("Docker-Content-Digest");
            Digest claimed = null;
            if (header != null) {
                try {
                    claimed = Digest.parse(header.strip());
                } catch (InvalidInputException e) {
                    throw new IntegrityException(host + "/" + repo + " " + what
                            + ": the Docker-Content-Digest header is not a valid digest");
                }
            }
            Digest expected = asked != null ? asked : claimed;
            Digest actual = Digest.of(expected == null ? "sha256" : expected.algorithm(), bytes);
            if (expected != null && !expected.equals(actual)) {
                throw new IntegrityException(host + "/" + repo + " " + what
                        + ": the registry served content with digest " + actual + ", not " + expected);
            }
            if (asked != null
                    && claimed != null
                    && !claimed.equals(asked)
                    && claimed.algorithm().equals(asked.algorithm())) {
                throw new IntegrityException(
                        host + "/" + repo + " " + what + ": Docker-Content-Digest names " + claimed);
            }
            if (MediaTypes.isSchema1(type)) {
                type = MediaTypes.DOCKER_MANIFEST_V1_SIGNED;
            }
            return new ManifestBody(bytes, type, actual);
        } catch (IOException e) {
            throw new RegistryException(host + "/" + repo + ": reading " + what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a blob, from {@code offset} on when it is positive. The response is 200 (from the start) or 206 (from
     * the offset); the caller tells them apart with {@link #rangeStart}.
     */
    Transport.Response openBlob(String repo, Digest digest, long offset) {
        Map<String, String> headers = offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
        Transport.Response r = request(repo, "GET", "blobs/" + digest, headers);
        if (r.status() == 200 || (r.status() == 206 && offset > 0)) {
            return r;
        }
        throw RegistryErrors.of(host, repo, "blob " + digest, r, auth.note());
    }

    /** A small blob (a signature payload, a config) read whole: at most {@code max} bytes, digest and size checked. */
    public byte[] getBlob(String repo, Descriptor d, int max) {
        if (d.size() < 0 || d.size() > max) {
            throw new IntegrityException(host + "/" + repo + " blob " + d.digest() + ": declared size " + d.size()
                    + " is over the " + max + "-byte limit");
        }
        try (Transport.Response r = openBlob(repo, d.digest(), 0)) {
            byte[] bytes = BoundedReads.readAll(r.body(), max, host + "/" + repo + " blob " + d.digest());
            if (bytes.length != d.size()
                    || !Digest.of(d.digest().algorithm(), bytes).equals(d.digest())) {
                throw new IntegrityException(host + "/" + repo + " blob " + d.digest()
                        + ": the registry served other content (size or digest differs)");
            }
            return bytes;
        } catch (IOException e) {
            throw new RegistryException(
                    host + "/" + repo + ": reading blob " + d.digest() + " failed: " + e.getMessage(), e);
        }
    }

    /** Where a response's body starts in the blob: the Content-Range start of a 206, 0 for a 200. */
    static long rangeStart(Transport.Response r) {
        if (r.status() != 206) {
            return 0;
        }
        String cr = r.header("Content-Range");
        Matcher m = cr == null ? null : Pattern.compile("bytes (\\d{1,18})-").matcher(cr.strip());
        return m != null && m.lookingAt() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Every tag of a repository, following {@code Link} pages. */
    public List<String> tags(String repo) {
        return tags(repo, 1000);
    }

    /** Every tag, asking for pages of {@code pageSize}. */
    public List<String> tags(String repo, int pageSize) {
        return list(repo, "tags/list?n=" + pageSize, "tags");
    }

    /** Every repository the registry lists in {@code /v2/_catalog}, when it allows that. */
    public List<String> catalog() {
        return catalog(1000);
    }

    /** The catalog, asking for pages of {@code pageSize}. */
    public List<String> catalog(int pageSize) {
        return list(null, "_catalog?n=" + pageSize, "repositories");
    }

    /**
     * The manifests that refer to a digest: {@code GET /v2/NAME/referrers/DIGEST}, or, where the registry does not
     * offer that API, the index tagged {@code sha256-HEX} (the referrers tag schema). Empty when there are none.
     */
    public ImageIndex referrers(String repo, Digest subject) {
        Transport.Response r = request(repo, "GET", "referrers/" + subject, Map.of("Accept", MediaTypes.OCI_INDEX));
        try (r) {
            String type = mediaType(r.header("Content-Type"));
            if (r.status() == 200 && MediaTypes.OCI_INDEX.equals(type)) {
                byte[] bytes =
                        BoundedReads.readAll(r.body(), BoundedReads.MAX_MANIFEST_BYTES, "referrers of " + subject);
                return Json.read(bytes, ImageIndex.class, host + "/" + repo + " referrers of " + subject);
            }
            if (r.status() != 404 && r.status() != 200) {
                throw RegistryErrors.of(host, repo, "referrers of " + subject, r, auth.note());
            }
        } catch (IOException e) {
            throw new RegistryException(host + "/" + repo + ": reading the referrers of " + subject + " failed", e);
        }
        String tag = subject.algorithm() + "-" + subject.hex();
        ManifestBody body;
        try {
            body = getManifest(repo, tag);
        } catch (RegistryException e) {
            if (e.getMessage().contains("not found")) {
                return new ImageIndex(2, MediaTypes.OCI_INDEX, List.of(), null);
            }
            throw e;
        }
        return Json.read(body.bytes(), ImageIndex.class, host + "/" + repo + " referrers tag " + tag);
    }

    private List<String> list(String repo, String first, String field) {
        List<String> names = new ArrayList<>();
        ping(); // learns the base URL
        // the first page under the repository; the next ones where the registry's Link header says (same origin)
        URI path = base.resolve((repo == null ? "" : repo + "/") + first);
        for (int page = 0; path != null; page++) {
            if (page >= MAX_PAGES) {
                throw new RegistryException(host + ": more than " + MAX_PAGES + " pages of " + field + "; stopped");
            }
            if (names.size() > MAX_NAMES) {
                throw new RegistryException(host + ": more than " + MAX_NAMES + " " + field + "; stopped");
            }
            String what = repo == null ? "the catalog" : "the tags of " + repo;
            Transport.Response r = request(repo, "GET", path, Map.of("Accept", "application/json"), null, null);
            URI next;
            try (r) {
                if (r.status() != 200) {
                    throw RegistryErrors.of(host, repo, what, r, auth.note());
                }
                byte[] bytes = BoundedReads.readAll(r.body(), MAX_LIST_BYTES, host + " " + what);
                JsonNode tree = Json.tree(bytes, host + " " + what);
                JsonNode list = tree.path(field);
                if (!list.isArray() && !list.isNull() && !list.isMissingNode()) {
                    throw new InvalidInputException(host + " " + what + ": field " + field + " is not a list");
                }
                for (JsonNode n : list) {
                    if (n.isTextual()) {
                        names.add(n.asText());
                    }
                }
                next = nextPage(r.header("Link"), r.uri());
            } catch (IOException e) {
                throw new RegistryException(host + ": reading " + what + " failed", e);
            }
            path = next;
        }
        return names;
    }

    /** The next page's URL, from a Link header on the same origin under {@code /v2/}; null at the end. */
    URI nextPage(String link, URI current) {
        if (link == null) {
            return null;
        }
        Matcher m = NEXT_LINK.matcher(link);
        if (!m.find()) {
            return null;
        }
        URI next = current.resolve(m.group(1));
        if (!Transport.sameOrigin(base, next)
                || next.getRawPath() == null
                || !next.getRawPath().startsWith("/v2/")) {
            throw new RegistryException(host + ": a Link header points outside the registry; refused");
        }
        return next;
    }

    /** One API request with authentication: tried again once after a 401 with a fresh challenge answered. */
    private Transport.Response request(String repo, String method, String path, Map<String, String> headers) {
        ping(); // learns the base URL (and the scheme a loopback registry speaks)
        return request(repo, method, base.resolve((repo == null ? "" : repo + "/") + path), headers, null, null);
    }

    private Transport.Response request(
            String repo, String method, URI uri, Map<String, String> headers, byte[] body, String contentType) {
        ping();
        boolean writes = !method.equals("GET") && !method.equals("HEAD");
        String scope = repo == null ? "registry:catalog:*" : "repository:" + repo + (writes ? ":pull,push" : ":pull");
        Transport.Response r = transport.send(
                new Transport.Request(method, uri, headers, auth.authorization(scope), body, contentType));
        if (r.status() != 401) {
            return r;
        }
        String challenge = r.header("WWW-Authenticate");
        Transport.closeQuietly(r);
        auth.refused(scope);
        auth.challenged(challenge);
        if (!auth.knowsChallenge()) {
            return transport.send(new Transport.Request(method, uri, headers, null, body, contentType));
        }
        return transport.send(
                new Transport.Request(method, uri, headers, auth.authorization(scope), body, contentType));
    }

    /**
     * Uploads a blob unless the repository has it (<a
     * href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pushing-a-blob-monolithically">monolithic
     * push</a>: POST for an upload URL on the registry's own origin, then one PUT with the digest).
     */
    public Digest pushBlob(String repo, byte[] data) {
        Digest digest = Digest.sha256(data);
        try (Transport.Response head = request(repo, "HEAD", "blobs/" + digest, Map.of())) {
            if (head.status() == 200) {
                return digest;
            }
        } catch (java.io.IOException e) {
            throw new RegistryException(host + ": " + e.getMessage(), e);
        }
        URI upload;
        try (Transport.Response r = request(repo, "POST", "blobs/uploads/", Map.of())) {
            if (r.status() != 202) {
                throw RegistryErrors.of(host, repo, "an upload (POST blobs/uploads/)", r, auth.note());
            }
            String location = r.header("Location");
            if (location == null) {
                throw new RegistryException(host + ": an upload was started without a Location");
            }
            upload = r.uri().resolve(location.strip());
            if (!Transport.sameOrigin(base, upload)) {
                throw new RegistryException(host + ": the upload Location points to another origin; refused");
            }
        } catch (java.io.IOException e) {
            throw new RegistryException(host + ": " + e.getMessage(), e);
        }
        String q = upload.getRawQuery();
        URI put = URI.create(upload.toString() + (q == null ? "?" : "&") + "digest=" + digest);
        try (Transport.Response r = request(repo, "PUT", put, Map.of(), data, "application/octet-stream")) {
            if (r.status() != 201) {
                throw RegistryErrors.of(host, repo, "the upload of blob " + digest, r, auth.note());
            }
        } catch (java.io.IOException e) {
            throw new RegistryException(host + ": " + e.getMessage(), e);
        }
        return digest;
    }

    /** Puts a manifest under a tag or digest; its digest is returned. */
    public Digest pushManifest(String repo, String reference, String mediaType, byte[] bytes) {
        ping();
        try (Transport.Response r =
                request(repo, "PUT", base.resolve(repo + "/manifests/" + reference), Map.of(), bytes, mediaType)) {
            if (r.status() != 201) {
                throw RegistryErrors.of(host, repo, "the upload of manifest " + reference, r, auth.note());
            }
        } catch (java.io.IOException e) {
            throw new RegistryException(host + ": " + e.getMessage(), e);
        }
        return Digest.sha256(bytes);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
    }
}
