package dev.vouch.server.admission;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which policy judges the images of which namespaces: the first rule whose namespace and image patterns both match
 * applies ({@code *} matches any run of characters, slashes included; no pattern matches everything).
 *
 * @param policy {@code baseline}, {@code strict}, a policy file, or {@code allow} (not checked)
 * @param trust the signature the image must carry besides the policy's: none, Docker Content Trust for its tag
 *     (Portieris' {@code trust} policy; YAML {@code trust: dct}), or a Notation signature ({@code trust: notation})
 */
public record PolicyRule(
        List<String> namespaces,
        List<String> images,
        String policy,
        AdmissionMode mode,
        PodCheckMode podChecks,
        Trust trust) {
    public PolicyRule {
        namespaces = List.copyOf(namespaces);
        images = List.copyOf(images);
    }

    /** The signatures a rule can require at admission. */
    public enum Trust {
        NONE,
        DCT,
        NOTATION
    }

    /** A rule that requires no signature besides its policy's. */
    public PolicyRule(
            List<String> namespaces, List<String> images, String policy, AdmissionMode mode, PodCheckMode podChecks) {
        this(namespaces, images, policy, mode, podChecks, Trust.NONE);
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
