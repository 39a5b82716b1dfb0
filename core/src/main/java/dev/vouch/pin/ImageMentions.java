package dev.vouch.pin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vouch.dockerfile.Dockerfile;
import dev.vouch.dockerfile.DockerfileParser;
import dev.vouch.dockerfile.Instruction;
import dev.vouch.error.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the image references a file names, with their exact offsets: FROM and {@code COPY --from=IMAGE} in
 * Dockerfiles (not stage names, {@code scratch} or references built from variables), and {@code image:} values in
 * YAML (Kubernetes manifests of every workload kind, several documents per file, and compose files). A file that
 * does not parse is refused, so it is never rewritten.
 */
public final class ImageMentions {
    private static final Pattern FROM = Pattern.compile("(?i)\\bFROM[ \\t]+(?:--\\S+[ \\t]+)*([^\\s\\\\]+)");
    private static final Pattern COPY_FROM = Pattern.compile("--from=([^\\s\\\\]+)");
    private static final Pattern YAML_IMAGE =
            Pattern.compile("(?m)^([ \\t]*(?:-[ \\t]+)?image:[ \\t]*)([\"']?)([^\\s\"'#]+)\\2[ \\t]*(?:#.*)?\\r?$");

    private ImageMentions() {}

    /** Whether a file name is a Dockerfile ({@code Dockerfile}, {@code Dockerfile.dev}, {@code app.dockerfile}). */
    public static boolean isDockerfile(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.equals("dockerfile")
                || n.startsWith("dockerfile.")
                || n.endsWith(".dockerfile")
                || n.equals("containerfile")
                || n.startsWith("containerfile.");
    }

    /** The mentions in a file's text; {@code name} decides the format and names the file in errors. */
    public static List<ImageMention> find(String name, String text) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return isDockerfile(base) ? inDockerfile(name, text) : inYaml(name, text);
    }

    static List<ImageMention> inDockerfile(String name, String text) {
        Dockerfile d = DockerfileParser.parse(text, name);
        if (!d.ok()) {
            var e = d.errors().get(0);
            throw new InvalidInputException(name + ":" + e.line() + ": does not parse: " + e.message());
        }
        int[] lineStarts = lineStarts(text);
        Set<String> stages = new HashSet<>();
        List<ImageMention> out = new ArrayList<>();
        for (Instruction in : d.instructions()) {
            String cmd = in.command();
            if (!cmd.equals("from") && !cmd.equals("copy")) {
                continue;
            }
            int from = lineStarts[in.startLine() - 1];
            int to = in.endLine() < lineStarts.length ? lineStarts[in.endLine()] : text.length();
            String region = text.substring(from, to);
            Matcher m = (cmd.equals("from") ? FROM : COPY_FROM).matcher(region);
            if (!m.find()) {
                continue;
            }
            String ref = m.group(1);
            boolean stage = stages.contains(ref.toLowerCase(Locale.ROOT));
            if (cmd.equals("from") && in.args().size() >= 3 && in.args().get(1).equalsIgnoreCase("as")) {
                stages.add(in.args().get(2).toLowerCase(Locale.ROOT)); // names the stages after this one may use
            }
            if (stage || ref.equalsIgnoreCase("scratch") || ref.contains("$") || ref.matches("\\d{1,4}")) {
                continue;
            }
            int start = from + m.start(1);
            out.add(new ImageMention(start, start + ref.length(), lineOf(lineStarts, start), ref));
        }
        return out;
    }

    static List<ImageMention> inYaml(String name, String text) {
        try (JsonParser p = new YAMLFactory().createParser(text);
                MappingIterator<Object> docs = new ObjectMapper().readValues(p, Object.class)) {
            while (docs.hasNext()) {
                docs.next();
            }
        } catch (IOException | RuntimeException e) {
            String msg = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(name + ": not valid YAML, left untouched: " + msg);
        }
        int[] lineStarts = lineStarts(text);
        List<ImageMention> out = new ArrayList<>();
        Matcher m = YAML_IMAGE.matcher(text);
        while (m.find()) {
            String ref = m.group(3);
            if (ref.contains("$") || ref.contains("{")) {
                continue; // templated (Helm, compose variables): not a reference vouch can resolve
            }
            out.add(new ImageMention(m.start(3), m.end(3), lineOf(lineStarts, m.start(3)), ref));
        }
        return out;
    }

    /** The text with each mention replaced by its pinned form; every other byte stays as it was. */
    public static String rewrite(String text, List<ImageMention> mentions, java.util.Map<String, String> pinned) {
        StringBuilder b = new StringBuilder(text);
        List<ImageMention> sorted = new ArrayList<>(mentions);
        sorted.sort((a, c) -> Integer.compare(c.start(), a.start()));
        for (ImageMention m : sorted) {
            String replacement = pinned.get(m.reference());
            if (replacement != null && !m.pinned()) {
                b.replace(m.start(), m.end(), replacement);
            }
        }
        return b.toString();
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] starts, int offset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }
}
