package dev.vouch.server.admission;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which policy judges the images of which namespaces: the first rule whose namespace and image patterns both match
 * applies ({@code *} matches any run of characters, slashes included; no pattern matches everything).
 *
 * @param policy {@code baseline}, {@code strict}, a policy file, or {@code allow} (not checked)
 * @param contentTrust whether the image's tag must be signed with Docker Content Trust for the digest admitted
 *     (Portieris' {@code trust} policy; YAML {@code trust: dct})
 */
public record PolicyRule(
        List<String> namespaces,
        List<String> images,
        String policy,
        AdmissionMode mode,
        PodCheckMode podChecks,
        boolean contentTrust) {
    public PolicyRule {
        namespaces = List.copyOf(namespaces);
        images = List.copyOf(images);
    }

    /** A rule that does not require content trust. */
    public PolicyRule(
            List<String> namespaces, List<String> images, String policy, AdmissionMode mode, PodCheckMode podChecks) {
        this(namespaces, images, policy, mode, podChecks, false);
    }

    public static final String ALLOW = "allow";

    public boolean matches(String namespace, String image) {
        return any(namespaces, namespace) && any(images, image);
    }

    private static boolean any(List<String> globs, String value) {
        return globs.isEmpty()
                || globs.stream().anyMatch(g -> glob(g).matcher(value).matches());
    }

    static Pattern glob(String g) {
        return Pattern.compile(java.util.Arrays.stream(g.split("\\*", -1))
                .map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*")));
    }
}
