package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Descriptor;
import dev.vouch.image.ImageIndex;
import dev.vouch.image.ImageRef;
import dev.vouch.image.MediaTypes;
import dev.vouch.io.Json;
import dev.vouch.lock.LockEntry;
import dev.vouch.lock.LockFile;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.report.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch lock}: record what tags name now; later, notice when they move. */
@Command(
        name = "lock",
        description = "Records each REF's digest now (and each platform's, for multi-platform images) in a lock file;"
                + " --check resolves every locked reference again and reports each tag that moved (exit 1).")
final class LockCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "REF", description = "Image references to lock, e.g. nginx:1.27.")
    List<String> refs = new ArrayList<>();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            defaultValue = "vouch.lock",
            description = "The lock file (default: vouch.lock).")
    Path file;

    @Option(names = "--check", description = "Report the locked references whose tags moved, changing nothing.")
    boolean check;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    /** What a reference names now, with its platforms. */
    static LockEntry resolve(String text, RegistryOptions options) {
        ImageRef ref = ImageRef.parse(text);
        RegistryClient client = RegistryClient.forRepository(ref, options);
        RegistryClient.ManifestBody body = References.current(client, ref);
        Map<String, String> platforms = new TreeMap<>();
        if (MediaTypes.isIndex(body.mediaType())) {
            ImageIndex index = Json.read(body.bytes(), ImageIndex.class, ref.normalized());
            for (Descriptor d : index.manifests()) {
                if (d.platform() != null && !"unknown".equals(d.platform().os())) {
                    platforms.put(d.platform().toString(), d.digest().toString());
                }
            }
        }
        return new LockEntry(
                ref.normalized(),
                body.digest().toString(),
                body.mediaType(),
                platforms,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    @Override
    public Integer call() throws Exception {
        RegistryOptions options = registry.build(Main.Context.of(spec));
        var out = spec.commandLine().getOut();
        if (check) {
            if (!refs.isEmpty()) {
                throw new InvalidInputException("--check takes no REF: it checks every reference in " + file);
            }
            LockFile lock = LockFile.read(file);
            List<Finding> moved = new ArrayList<>();
            for (LockEntry e : lock.images()) {
                if (e.reference().contains("@")) {
                    out.println("pinned " + e.reference()); // a digest reference cannot move
                    continue;
                }
                String now = resolve(e.reference(), options).digest();
                LockFile.moved(e, now, file.toString())
                        .ifPresentOrElse(moved::add, () -> out.println("unchanged " + e.reference()));
            }
            moved.forEach(f -> out.println(f.oneLine()));
            out.flush();
            return moved.isEmpty() ? Main.OK : Main.CHECK_FAILED;
        }
        if (refs.isEmpty()) {
            throw new InvalidInputException("missing REF (or --check)");
        }
        LockFile lock = Files.exists(file) ? LockFile.read(file) : LockFile.empty();
        for (String r : refs) {
            LookAlike.warn(spec, r);
            LockEntry e = resolve(r, options);
            lock = lock.with(e);
            out.println("locked " + e.reference() + " -> " + e.digest());
        }
        AtomicFiles.write(file, Json.writer().writeValueAsString(lock) + "\n");
        out.flush();
        return Main.OK;
    }
}
