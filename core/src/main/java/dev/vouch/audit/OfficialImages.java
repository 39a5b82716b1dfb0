package dev.vouch.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** The names of Docker Official Images ({@code docker.io/library/NAME}), from the list kept in the repository. */
public final class OfficialImages {
    private static final Set<String> NAMES = load();

    private OfficialImages() {}

    public static Set<String> names() {
        return NAMES;
    }

    private static Set<String> load() {
        Set<String> names = new TreeSet<>();
        try (InputStream in = OfficialImages.class.getResourceAsStream("official-images.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String n = line.strip();
                if (!n.isEmpty() && !n.startsWith("#")) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }
}
