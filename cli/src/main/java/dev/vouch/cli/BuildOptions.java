package dev.vouch.cli;

import dev.vouch.audit.BuildModel;
import dev.vouch.audit.Stage;
import dev.vouch.dockerfile.Dockerfile;
import dev.vouch.dockerfile.DockerfileParser;
import dev.vouch.error.InvalidInputException;
import dev.vouch.trace.Tracer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How the image is said to have been built: the Dockerfile, the stage, the build arguments, the base image. */
final class BuildOptions {
    @Option(names = "--dockerfile", paramLabel = "FILE", description = "The Dockerfile said to have built the image.")
    String dockerfile;

    @Option(names = "--target", paramLabel = "STAGE", description = "The stage built (default: the last).")
    String target;

    @Option(names = "--build-arg", paramLabel = "K=V", description = "A build argument, as docker build takes it.")
    List<String> buildArgs = new ArrayList<>();

    @Option(
            names = "--base",
            paramLabel = "REF",
            description = "The base image to verify against (default: the base.name annotation or label, then the"
                    + " Dockerfile's FROM).")
    String base;

    /**
     * The Dockerfile as parsed, and the input of a trace (null when the file does not parse or has no FROM: then
     * {@code strict} makes that an error).
     */
    record Loaded(String name, Dockerfile parsed, Tracer.DockerfileInput input) {}

    /** Null when no --dockerfile was given. */
    Loaded load(Main.Context context, boolean strict) throws IOException {
        if (dockerfile == null) {
            return null;
        }
        String name = dockerfile.equals("-") ? "<stdin>" : dockerfile;
        Dockerfile parsed = DockerfileParser.parse(DockerfileInput.read(dockerfile, context.stdin()), name);
        if (!parsed.ok()) {
            if (strict) {
                throw new InvalidInputException(name + ": " + parsed.errors().get(0));
            }
            return new Loaded(name, parsed, null);
        }
        BuildModel model = BuildModel.of(parsed, DockerfileInput.buildArgs(buildArgs));
        Stage stage = null;
        if (target != null) {
            String t = target.toLowerCase(Locale.ROOT);
            stage = model.stages().stream()
                    .filter(s -> t.equals(s.name()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(
                            "--target " + target + ": " + name + " has no stage of that name"));
        }
        if (model.finalStage() == null) {
            if (strict) {
                throw new InvalidInputException(name + ": no FROM instruction");
            }
            return new Loaded(name, parsed, null);
        }
        return new Loaded(name, parsed, new Tracer.DockerfileInput(name, model, stage));
    }
}
