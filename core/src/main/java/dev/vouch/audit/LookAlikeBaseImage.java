package dev.vouch.audit;

import dev.vouch.report.Severity;
import java.util.Locale;
import java.util.Set;

/**
 * DF003: a base image on Docker Hub looks like an official image but is not one: a typo of an official name
 * ({@code ngnix}, {@code ubunto}), a homoglyph ({@code pyth0n}), or a doppelganger that borrows an official name in
 * a namespace or a decorated name ({@code library-nginx/nginx}, {@code nginx-official}). Names the user allows
 * ({@code --allow-image}) are not reported.
 */
final class LookAlikeBaseImage implements AuditRule {
    private static final Set<String> DECORATIONS =
            Set.of("official", "library", "docker", "dockerlibrary", "docker-library", "latest", "hub");

    public String id() {
        return "DF003";
    }

    public Severity severity() {
        return Severity.HIGH;
    }

    public String title() {
        return "Base image looks like an official image but is not one";
    }

    public void check(AuditContext ctx) {
        for (Stage s : ctx.model().stages()) {
            if (s.baseStage() >= 0 || s.scratch() || !s.imageResolved()) {
                continue;
            }
            String name = repository(s.image());
            if (name == null || ctx.allowedImages().contains(name)) {
                continue;
            }
            String why = lookAlike(name);
            if (why != null) {
                ctx.report(s.from(), "FROM " + s.image() + " (" + s.label() + ") " + why);
            }
        }
    }

    /** The Docker Hub repository ({@code nginx}, {@code user/app}) of an image, or null when it is elsewhere. */
    static String repository(String image) {
        String n = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = n.lastIndexOf('/');
        int colon = n.lastIndexOf(':');
        if (colon > slash) {
            n = n.substring(0, colon);
        }
        n = n.toLowerCase(Locale.ROOT);
        for (String hub : new String[] {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
            if (n.startsWith(hub)) {
                n = n.substring(hub.length());
            }
        }
        String first = n.contains("/") ? n.substring(0, n.indexOf('/')) : "";
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return null; // another registry
        }
        return n.startsWith("library/") ? n.substring(8) : n;
    }

    static String lookAlike(String repo) {
        Set<String> official = OfficialImages.names();
        if (official.contains(repo)) {
            return null;
        }
        String ns = repo.contains("/") ? repo.substring(0, repo.indexOf('/')) : null;
        String name = repo.contains("/") ? repo.substring(repo.indexOf('/') + 1) : repo;
        if (ns != null) {
            String nsCore = strip(ns);
            if (official.contains(name)
                    && (DECORATIONS.contains(ns)
                            || official.contains(nsCore) && !nsCore.equals(ns)
                            || DECORATIONS.contains(nsCore)
                            || nsCore.equals(name))) {
                return "is not the official " + name + " image: it borrows the name in namespace " + ns
                        + " (the official one is docker.io/library/" + name + ")";
            }
            return null; // an ordinary user or organisation image
        }
        String core = strip(name);
        if (!core.equals(name) && official.contains(core)) {
            return "is not the official " + core + " image: its name decorates an official name"
                    + " (the official one is docker.io/library/" + core + ")";
        }
        String folded = fold(name);
        for (String o : official) {
            if (!fold(o).equals(folded) && distance(name, o) > 1) {
                continue;
            }
            if (o.length() >= 4 || fold(o).equals(folded)) {
                return "is not an official image but one edit from the official " + o
                        + " (a typo or a typosquat?); check the name";
            }
        }
        return null;
    }

    /** Removes official-sounding decorations: {@code nginx-official}, {@code library_nginx}, {@code official-nginx}. */
    private static String strip(String s) {
        String out = s;
        for (String d : DECORATIONS) {
            out = out.replaceAll("^" + d + "[-_.]+", "").replaceAll("[-_.]+" + d + "$", "");
        }
        return out;
    }

    /** Homoglyphs folded: 0→o, 1→l, 3→e, 5→s, rn→m, vv→w. */
    private static String fold(String s) {
        return s.replace('0', 'o')
                .replace('1', 'l')
                .replace('3', 'e')
                .replace('5', 's')
                .replace("rn", "m")
                .replace("vv", "w");
    }

    /** Damerau-Levenshtein distance (optimal string alignment), so that a swap of two letters counts as one. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return 3;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
