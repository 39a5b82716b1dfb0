package dev.vouch.sbom;

import dev.vouch.io.BoundedReads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python distributions: {@code *.dist-info/METADATA} (wheels, pip), {@code *.egg-info/PKG-INFO} or a single-file
 * {@code *.egg-info}, and unpacked eggs' {@code EGG-INFO/PKG-INFO} (<a
 * href="https://packaging.python.org/en/latest/specifications/core-metadata/">core metadata</a>): Name, Version
 * (the first of each, keys in any case, as email headers are), and the license from {@code License-Expression},
 * {@code License} or the license classifiers. The interpreter's own {@code Python-X.Y.egg-info} names the runtime,
 * not a package from PyPI, and is not listed here.
 */
public final class PythonCataloger implements FileCataloger {
    private static final int MAX = 1 << 20;

    @Override
    public boolean wants(dev.vouch.layer.LayerEntry entry) {
        String path = entry.path();
        long size = entry.size();
        return size <= MAX
                && (path.endsWith(".dist-info/METADATA")
                        || path.endsWith(".egg-info/PKG-INFO")
                        || path.endsWith(".egg/EGG-INFO/PKG-INFO")
                        || path.endsWith(".egg-info"));
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        String text = new String(BoundedReads.readAll(content, MAX, path), StandardCharsets.UTF_8);
        String name = null;
        String version = null;
        String expression = null;
        String license = null;
        List<String> classifiers = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                break; // the headers end at the first blank line; the description follows
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "name" -> name = name == null ? value : name;
                case "version" -> version = version == null ? value : version;
                case "license-expression" -> expression = expression == null ? value : expression;
                case "license" -> license = license == null ? value : license;
                case "classifier" -> {
                    if (value.startsWith("License :: ")) {
                        classifiers.add(
                                value.substring(value.lastIndexOf("::") + 2).strip());
                    }
                }
                default -> {}
            }
        }
        if (name == null || version == null || name.isEmpty() || version.isEmpty()) {
            return Found.NOTHING;
        }
        if (name.equalsIgnoreCase("Python")) {
            return Found.NOTHING; // the interpreter's record of itself (lib-dynload/Python-3.X.egg-info)
        }
        List<String> licenses = expression != null
                ? List.of(expression)
                : license != null
                                && !license.isBlank()
                                && !license.equalsIgnoreCase("UNKNOWN")
                                && license.length() < 200
                        ? List.of(license)
                        : classifiers;
        String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        return Found.of(List.of(new Package(
                PackageType.PYPI,
                name,
                version,
                Purls.of(PackageType.PYPI, null, normalized, version, Map.of()),
                licenses,
                null,
                null,
                null,
                List.of())));
    }
}
