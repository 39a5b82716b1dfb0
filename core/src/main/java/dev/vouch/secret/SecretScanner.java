package dev.vouch.secret;

import dev.vouch.fs.FileNode;
import dev.vouch.fs.WalkResult;
import dev.vouch.image.ImageConfig;
import dev.vouch.layer.Analyzer;
import dev.vouch.layer.EntryKind;
import dev.vouch.layer.LayerEntry;
import dev.vouch.layer.LayerRef;
import dev.vouch.layer.LayerResults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in every layer (so a file a later layer "deleted" is still found: its bytes ship) and in the image
 * config (env, labels, and build args that history recorded as {@code |N NAME=value}). Text files up to 1 MiB are
 * read line by line against the {@link SecretRule} patterns; system trees (documentation, headers, package
 * databases) are skipped; files that are credentials by their nature (SSH private keys, .git-credentials, .netrc,
 * .pgpass, AWS credentials, keystores) are reported by path as well. Files such as .npmrc or .docker/config.json
 * are reported only when they hold a token or credentials.
 */
public final class SecretScanner implements Analyzer, LayerResults<SecretFinding[]> {
    static final int MAX_FILE = 1 << 20;
    private static final int MAX_LINE = 8 << 10;
    private static final List<String> SKIP = List.of(
            "usr/share/", "usr/include/", "usr/src/", "var/lib/dpkg/", "var/lib/apt/", "var/cache/", "proc/", "sys/");
    private static final Pattern CREDENTIAL_FILE =
            Pattern.compile("(?:.*/)?(?:id_rsa|id_dsa|id_ecdsa|id_ed25519|\\.git-credentials|\\.netrc|\\.pgpass"
                    + "|\\.aws/credentials|[^/]+\\.(?:p12|pfx|jks|keystore))");
    private static final Pattern SETTINGS_FILE =
            Pattern.compile("(?:.*/)?(?:\\.env(?:\\.[^/]*)?|[^/]+\\.env|\\.netrc|\\.pypirc|[^/]*credentials[^/]*)");
    private static final Pattern BUILD_ARG = Pattern.compile("^\\|\\d+ (.*?)(?= /bin/sh -c | /bin/bash -c |$)");
    private static final Pattern ASSIGN = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S+)");

    private final ConcurrentLinkedQueue<SecretFinding> raw = new ConcurrentLinkedQueue<>();

    @Override
    public String resultsKind() {
        return "secrets";
    }

    @Override
    public Class<SecretFinding[]> resultsType() {
        return SecretFinding[].class;
    }

    @Override
    public SecretFinding[] export(int layer) {
        return raw.stream().filter(f -> f.layer() == layer).toArray(SecretFinding[]::new);
    }

    @Override
    public void restore(int layer, SecretFinding[] results) {
        for (SecretFinding f : results) {
            raw.add(new SecretFinding(
                    f.id(), f.severity(), f.title(), f.source(), f.path(), f.line(), layer, false, f.preview()));
        }
    }

    @Override
    public boolean wants(LayerEntry entry) {
        if (entry.kind() != EntryKind.FILE || entry.size() == 0) {
            return false;
        }
        String p = entry.path();
        for (String s : SKIP) {
            if (p.startsWith(s)) {
                return false;
            }
        }
        return entry.size() <= MAX_FILE || CREDENTIAL_FILE.matcher(p).matches();
    }

    @Override
    public void accept(LayerRef layer, LayerEntry entry, InputStream content) throws IOException {
        String path = entry.path();
        boolean credentialFile = CREDENTIAL_FILE.matcher(path).matches();
        if (credentialFile) {
            raw.add(new SecretFinding(
                    SecretRule.CREDENTIAL_FILE.id(),
                    SecretRule.CREDENTIAL_FILE.severity(),
                    SecretRule.CREDENTIAL_FILE.title(),
                    "file",
                    path,
                    null,
                    layer.index(),
                    false,
                    null));
        }
        if (entry.size() > MAX_FILE) {
            return;
        }
        byte[] bytes = content.readNBytes((int) entry.size());
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return; // binary: only its path could say something
            }
        }
        boolean settings = SETTINGS_FILE.matcher(path).matches();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", 100_000);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].length() > MAX_LINE ? lines[n].substring(0, MAX_LINE) : lines[n];
            boolean matched = false;
            for (SecretRule rule : SecretRule.values()) {
                // the generic assignment rule only speaks for lines no specific rule recognised
                if (rule.pattern() == null || (rule == SecretRule.PASSWORD_ASSIGNMENT && (!settings || matched))) {
                    continue;
                }
                Matcher m = rule.pattern().matcher(line);
                if (m.find()) {
                    matched = true;
                    raw.add(new SecretFinding(
                            rule.id(),
                            rule.severity(),
                            rule.title(),
                            "file",
                            path,
                            n + 1,
                            layer.index(),
                            false,
                            rule == SecretRule.PRIVATE_KEY ? null : SecretFinding.preview(secretOf(m))));
                }
            }
        }
    }

    private static String secretOf(Matcher m) {
        for (String g : List.of("secret", "secret2")) {
            try {
                if (m.group(g) != null) {
                    return m.group(g);
                }
            } catch (IllegalArgumentException noSuchGroup) {
                // this rule has no such group
            }
        }
        return m.group();
    }

    /**
     * Every secret found: files (marked as remnants when the final image does not hold that layer's copy) and the
     * config's env, labels and recorded build args; most severe first.
     */
    public List<SecretFinding> findings(WalkResult walk, ImageConfig config) {
        List<SecretFinding> out = new ArrayList<>();
        for (SecretFinding f : raw) {
            FileNode node = walk.files().get(f.path());
            boolean remnant = node == null || node.layer() != f.layer();
            out.add(new SecretFinding(
                    f.id(), f.severity(), f.title(), f.source(), f.path(), f.line(), f.layer(), remnant, f.preview()));
        }
        ImageConfig.RunConfig rc = config.config();
        if (rc != null && rc.env() != null) {
            for (String e : rc.env()) {
                int eq = e.indexOf('=');
                if (eq > 0 && SecretLike.envLooksSecret(e.substring(0, eq), e.substring(eq + 1))) {
                    out.add(configFinding(
                            "SEC020",
                            "Secret in the image's environment",
                            "env",
                            e.substring(0, eq),
                            e.substring(eq + 1)));
                }
            }
        }
        if (rc != null && rc.labels() != null) {
            for (Map.Entry<String, String> l : rc.labels().entrySet()) {
                if (SecretLike.envLooksSecret(l.getKey(), l.getValue())) {
                    out.add(configFinding("SEC021", "Secret in an image label", "label", l.getKey(), l.getValue()));
                }
            }
        }
        List<ImageConfig.History> history = config.history() == null ? List.of() : config.history();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < history.size(); i++) {
            String by = history.get(i).createdBy();
            Matcher args = by == null ? null : BUILD_ARG.matcher(by);
            if (args == null || !args.find()) {
                continue;
            }
            Matcher a = ASSIGN.matcher(args.group(1));
            while (a.find()) {
                String value = a.group(2).replaceAll("^[\"']|[\"']$", "");
                if (SecretLike.envLooksSecret(a.group(1), value) && seen.add(a.group(1) + "=" + value)) {
                    out.add(configFinding(
                            "SEC022",
                            "Build argument recorded in the history",
                            "history",
                            "history[" + i + "] " + a.group(1),
                            value));
                }
            }
        }
        out.sort(Comparator.comparing(SecretFinding::severity)
                .thenComparing(SecretFinding::source)
                .thenComparing(SecretFinding::path)
                .thenComparing(f -> f.line() == null ? 0 : f.line())
                .thenComparing(SecretFinding::id));
        return out;
    }

    private static SecretFinding configFinding(String id, String title, String source, String name, String value) {
        return new SecretFinding(
                id, dev.vouch.report.Severity.HIGH, title, source, name, null, -1, false, SecretFinding.preview(value));
    }
}
