package dev.vouch.sbom;

import dev.vouch.io.BoundedReads;
import dev.vouch.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ruby gems: the specifications RubyGems writes for every installed gem ({@code specifications/NAME-VERSION.gemspec},
 * and {@code specifications/default/} for the gems that ship with Ruby), read as text, never run; and Bundler's
 * {@code Gemfile.lock} (<a href="https://bundler.io/guides/gemfile_lock.html">Bundler docs</a>): the gems of its
 * {@code GEM} sections, from a registry (GIT and PATH sources name no release).
 */
public final class RubyGemCataloger implements FileCataloger {
    private static final int MAX = 4 << 20;
    private static final Pattern GEMSPEC = Pattern.compile("(.*/)?specifications/(default/)?[^/]+\\.gemspec");
    private static final Pattern NAME = Pattern.compile("(?m)^\\s*\\w+\\.name\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern VERSION = Pattern.compile("(?m)^\\s*\\w+\\.version\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern STUB = Pattern.compile("(?m)^# stub: (\\S+) (\\S+)");
    private static final Pattern LICENSES = Pattern.compile("(?m)^\\s*\\w+\\.licenses?\\s*=\\s*\\[?([^\\n\\]]*)");
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");
    private static final Pattern LOCKED = Pattern.compile("    ([A-Za-z0-9_.-]+) \\(([^)\\s]+)\\)");

    @Override
    public boolean wants(LayerEntry entry) {
        String path = entry.path();
        return entry.size() <= MAX
                && (path.endsWith("Gemfile.lock") && (path.equals("Gemfile.lock") || path.endsWith("/Gemfile.lock"))
                        || path.endsWith(".gemspec") && GEMSPEC.matcher(path).matches());
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        String text = new String(BoundedReads.readAll(content, MAX, path), StandardCharsets.UTF_8);
        return path.endsWith(".gemspec") ? gemspec(text) : lock(text);
    }

    private static Found gemspec(String text) throws IOException {
        Matcher name = NAME.matcher(text);
        Matcher version = VERSION.matcher(text);
        Matcher stub = STUB.matcher(text);
        boolean stubbed = stub.find();
        String n = name.find() ? name.group(1) : stubbed ? stub.group(1) : null;
        String v = version.find() ? version.group(1) : stubbed ? stub.group(2) : null;
        if (n == null || v == null) {
            throw new IOException("no name and version: not a gem specification");
        }
        List<String> licenses = new ArrayList<>();
        Matcher l = LICENSES.matcher(text);
        if (l.find()) {
            Matcher q = QUOTED.matcher(l.group(1));
            while (q.find()) {
                licenses.add(q.group(1));
            }
        }
        Package p = Packages.of(PackageType.GEM, null, n, v, licenses, Map.of());
        return p == null ? Found.NOTHING : Found.of(List.of(p));
    }

    /** The {@code GEM} sections' {@code specs:}: four spaces, {@code name (version[-platform])}. */
    private static Found lock(String text) throws IOException {
        List<Package> out = new ArrayList<>();
        String section = null;
        boolean sawSection = false;
        for (String line : text.split("\n", -1)) {
            line = line.stripTrailing();
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                section = line;
                sawSection |= line.matches("[A-Z][A-Z ]*"); // GEM, GIT, PATH, PLATFORMS, BUNDLED WITH, ...
                continue;
            }
            Matcher m = LOCKED.matcher(line);
            if ("GEM".equals(section) && m.matches()) {
                String version = m.group(2);
                String platform = null;
                int dash = version.indexOf('-'); // gem versions have no dash; what follows one is the platform
                if (dash > 0) {
                    platform = version.substring(dash + 1);
                    version = version.substring(0, dash);
                }
                Package p = Packages.of(
                        PackageType.GEM,
                        null,
                        m.group(1),
                        version,
                        List.of(),
                        platform == null ? Map.of() : Map.of("platform", platform));
                if (p != null) {
                    out.add(p);
                }
            }
        }
        if (!sawSection && !text.isBlank()) {
            throw new IOException("no GEM, GIT, PATH or DEPENDENCIES section: not a Gemfile.lock");
        }
        return Found.of(out);
    }
}
