package dev.vouch.cli;

import dev.vouch.image.ImageRef;
import dev.vouch.io.Json;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch tags}: a repository's tags, all pages of them. */
@Command(name = "tags", description = "List a repository's tags, sorted (every page of the registry's tag list).")
final class TagsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "A repository, e.g. nginx or ghcr.io/o/r.")
    String repository;

    @Mixin
    TextOrJson output;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RegistryOptions options = registry.build(Main.Context.of(spec));
        ImageRef ref = ImageRef.parse(repository);
        RegistryClient client = RegistryClient.forRepository(ref, options);
        List<String> tags = client.tags(ref.path()).stream().sorted().toList();
        print(spec, output.format, tags);
        return Main.OK;
    }

    static void print(CommandSpec spec, ImageOptions.Format format, List<String> names) throws Exception {
        var w = spec.commandLine().getOut();
        if (format == ImageOptions.Format.json) {
            w.println(Json.writer().writeValueAsString(names));
        } else {
            names.forEach(w::println);
        }
        w.flush();
    }
}
