package dev.vouch.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Descriptor;
import dev.vouch.image.ImageRef;
import dev.vouch.io.Json;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch resolve}: pins references to the digest their tag names now. */
@Command(
        name = "resolve",
        description = "Print REF@sha256:… for each reference: the digest its tag names on the registry now"
                + " (the index digest for multi-platform images), checked against the manifest's bytes.")
final class ResolveCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "REF", description = "Image references, e.g. nginx:1.27.")
    List<String> refs;

    @Mixin
    TextOrJson output;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    /** One pinned reference. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pinned(String reference, String pinned, String digest, String mediaType, long size) {}

    @Override
    public Integer call() throws Exception {
        RegistryOptions options = registry.build(Main.Context.of(spec));
        List<Pinned> out = new ArrayList<>();
        for (String text : refs) {
            ImageRef ref = ImageRef.parse(text);
            LookAlike.warn(spec, text);
            RegistryClient client = RegistryClient.forRepository(ref, options);
            Descriptor d;
            if (ref.digest() != null) {
                d = client.getManifest(ref.path(), ref.digest().toString()).descriptor();
            } else {
                d = client.resolve(ref.path(), ref.tag()).descriptor();
            }
            if (d.mediaType() == null) {
                throw new InvalidInputException(ref.normalized() + ": the registry gave no media type");
            }
            String name = ref.name() + (ref.tag() == null ? "" : ":" + ref.tag());
            out.add(new Pinned(text, name + "@" + d.digest(), d.digest().toString(), d.mediaType(), d.size()));
        }
        var w = spec.commandLine().getOut();
        if (output.format == ImageOptions.Format.json) {
            w.println(Json.writer().writeValueAsString(out));
        } else {
            out.forEach(p -> w.println(p.pinned()));
        }
        w.flush();
        return Main.OK;
    }
}
