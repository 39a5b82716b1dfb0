package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.image.ImageRef;
import dev.vouch.pin.ImageMention;
import dev.vouch.pin.ImageMentions;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vouch pin}: rewrites image references to {@code name:tag@sha256:…} in Dockerfiles, Kubernetes manifests
 * and compose files, resolving each tag on its registry. Every file is read and every reference resolved before
 * anything is written; each file is then replaced atomically, with only the references changed. {@code --check}
 * changes nothing and exits 1 when something is unpinned.
 */
@Command(
        name = "pin",
        description = "Pin image references to digests (name:tag@sha256:…) in Dockerfiles (FROM, COPY --from),"
                + " Kubernetes manifests and compose files (image:). --check lists what is unpinned and exits 1.")
final class PinCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Dockerfiles and YAML files.")
    List<Path> paths;

    @Option(names = "--check", description = "Change nothing; list unpinned references and exit 1 if there are any.")
    boolean check;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    private record FileWork(Path path, String text, List<ImageMention> mentions) {}

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        List<FileWork> work = new ArrayList<>();
        for (Path p : paths) {
            String text = read(p);
            work.add(new FileWork(p, text, ImageMentions.find(p.toString(), text)));
        }
        if (check) {
            int unpinned = 0;
            for (FileWork w : work) {
                for (ImageMention m : w.mentions()) {
                    if (!m.pinned()) {
                        out.println(w.path() + ":" + m.line() + ": " + m.reference() + " is not pinned by digest");
                        unpinned++;
                    }
                }
            }
            out.flush();
            return unpinned > 0 ? Main.CHECK_FAILED : Main.OK;
        }
        RegistryOptions options = registry.build(Main.Context.of(spec));
        Map<String, String> pinned = new LinkedHashMap<>();
        for (FileWork w : work) {
            for (ImageMention m : w.mentions()) {
                if (!m.pinned() && !pinned.containsKey(m.reference())) {
                    pinned.put(m.reference(), pin(m.reference(), options));
                }
            }
        }
        for (FileWork w : work) {
            String updated = ImageMentions.rewrite(w.text(), w.mentions(), pinned);
            for (ImageMention m : w.mentions()) {
                if (!m.pinned()) {
                    out.println(w.path() + ":" + m.line() + ": " + m.reference() + " -> " + pinned.get(m.reference()));
                }
            }
            if (!updated.equals(w.text())) {
                AtomicFiles.write(w.path(), updated);
            }
        }
        out.flush();
        return Main.OK;
    }

    private static String pin(String written, RegistryOptions options) {
        ImageRef ref;
        try {
            ref = ImageRef.parse(written);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(written + ": " + e.getMessage());
        }
        RegistryClient client = RegistryClient.forRepository(ref, options);
        String digest =
                client.resolve(ref.path(), ref.tag()).descriptor().digest().toString();
        boolean hasTag = written.lastIndexOf(':') > written.lastIndexOf('/');
        return written + (hasTag ? "" : ":latest") + "@" + digest;
    }

    private static String read(Path p) throws IOException {
        return DockerfileInput.read(p.toString(), InputStream.nullInputStream());
    }
}
