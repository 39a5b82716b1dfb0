package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryHost;
import dev.vouch.registry.RegistryOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vouch catalog}: the repositories a registry lists, where it allows listing them. */
@Command(name = "catalog", description = "List a registry's repositories (/v2/_catalog), where the registry allows it.")
final class CatalogCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REGISTRY", description = "A registry host[:port], e.g. 127.0.0.1:5000.")
    String registryName;

    @Mixin
    TextOrJson output;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!registryName.matches("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9a-fA-F:]+\\](:\\d{1,5})?")) {
            throw new InvalidInputException("'" + registryName + "' is not a registry host[:port]");
        }
        RegistryOptions options = registry.build(Main.Context.of(spec));
        RegistryClient client = new RegistryClient(RegistryHost.of(registryName, options.insecure()), options, null);
        TagsCommand.print(
                spec, output.format, client.catalog().stream().sorted().toList());
        return Main.OK;
    }
}
