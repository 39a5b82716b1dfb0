package dev.vouch.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vouch completion bash|zsh}: the shell completion script picocli generates from the command model, so it
 * knows every verb and option as they are. For zsh it is loaded through bashcompinit.
 */
@Command(
        name = "completion",
        description = "Print the shell completion script: source <(vouch completion bash), or for zsh"
                + " source <(vouch completion zsh).")
final class CompletionCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "bash|zsh", description = "The shell.")
    String shell;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("vouch", spec.root().commandLine());
        switch (shell) {
            case "bash" -> spec.commandLine().getOut().print(script);
            case "zsh" ->
                spec.commandLine()
                        .getOut()
                        .print("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                                + script);
            default ->
                throw new dev.vouch.error.InvalidInputException(
                        "completion: " + shell + " is not a shell vouch completes (bash, zsh)");
        }
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
