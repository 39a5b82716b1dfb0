package dev.vouch.image;

import dev.vouch.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A registry image reference, parsed and normalized the way Docker does it: the grammar of <a
 * href="https://github.com/distribution/reference/blob/main/reference.go">distribution/reference</a> and its
 * {@code ParseNormalizedNamed} rules ({@code nginx} is {@code docker.io/library/nginx:latest}).
 *
 * @param domain the registry host, with port if any ({@code docker.io} for Docker Hub)
 * @param path the repository path inside the registry ({@code library/nginx})
 * @param tag the tag, or null when only a digest was given
 * @param digest the digest, or null
 */
public record ImageRef(String domain, String path, String tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final int NAME_TOTAL_LENGTH_MAX = 255;

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final Pattern DOMAIN =
            Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|" + IPV6 + ")(?::[0-9]+)?");
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST_SYNTAX =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}");
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

    /** Parses and normalizes a reference such as {@code nginx}, {@code localhost:5000/a/b:1} or {@code n@sha256:…}. */
    public static ImageRef parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text, "empty reference");
        }
        if (IMAGE_ID.matcher(text).matches()) {
            throw invalid(text, "a 64-character hex string is an image id, not a repository name");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String d = rest.substring(at + 1);
            if (!DIGEST_SYNTAX.matcher(d).matches()) {
                throw invalid(text, "invalid digest '" + Digest.printable(d) + "'");
            }
            try {
                digest = Digest.parse(d);
            } catch (InvalidInputException e) {
                throw invalid(text, e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(
                        text,
                        "invalid tag '" + Digest.printable(tag)
                                + "': a tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
            }
            rest = rest.substring(0, colon);
        }
        String domain;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (slash < 0
                || (first.indexOf('.') < 0
                        && first.indexOf(':') < 0
                        && !first.equals("localhost")
                        && first.toLowerCase(Locale.ROOT).equals(first))) {
            domain = DOCKER_HUB;
            path = rest;
        } else {
            domain = first;
            path = rest.substring(slash + 1);
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw invalid(text, "invalid registry host '" + Digest.printable(domain) + "'");
        }
        if (path.isEmpty()) {
            throw invalid(text, "missing repository name");
        }
        if (!path.toLowerCase(Locale.ROOT).equals(path)) {
            throw invalid(text, "repository name must be lowercase");
        }
        if (!PATH.matcher(path).matches()) {
            throw invalid(
                    text,
                    "invalid repository name '" + Digest.printable(path)
                            + "': components are lower-case letters and digits separated by '.', '_', '__' or '-'");
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (domain.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            path = "library/" + path;
        }
        if (domain.length() + 1 + path.length() > NAME_TOTAL_LENGTH_MAX) {
            throw invalid(text, "repository name longer than " + NAME_TOTAL_LENGTH_MAX + " characters");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageRef(domain, path, tag, digest);
    }

    /** Whether the text parses as a registry reference (used to tell references from file names). */
    public static boolean isReference(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static InvalidInputException invalid(String text, String why) {
        return new InvalidInputException("invalid image reference '" + Digest.printable(text) + "': " + why);
    }

    /** {@code domain/path}, e.g. {@code docker.io/library/nginx}. */
    public String name() {
        return domain + "/" + path;
    }

    /** The fully qualified form: {@code docker.io/library/nginx:latest}, {@code …:tag@sha256:…}. */
    public String normalized() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** The short form Docker shows: {@code nginx:latest} for official images, the full name otherwise. */
    public String familiar() {
        String n = name();
        if (domain.equals(DOCKER_HUB)) {
            n = path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
        }
        return n + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public String toString() {
        return normalized();
    }
}
