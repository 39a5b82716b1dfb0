package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Shell completion and the manual page are made from the command model: every verb and its options are in both. */
class CompletionAndManTest {
    private static List<String> verbs() {
        CommandLine root = new CommandLine(new Main(new Main.Context(java.util.Map.of(), System.in)));
        return root.getSubcommands().keySet().stream()
                .filter(v -> !v.equals("help"))
                .toList();
    }

    @Test
    void bashAndZshCompletionKnowEveryVerb() {
        Cli.Result bash = Cli.run("completion", "bash");
        assertThat(bash.code()).as(bash.err()).isZero();
        assertThat(verbs()).hasSizeGreaterThan(20);
        for (String verb : verbs()) {
            assertThat(bash.out()).as(verb).contains(verb);
        }
        assertThat(bash.out()).contains("complete -F").contains("--dockerfile").contains("--policy");
        Cli.Result zsh = Cli.run("completion", "zsh");
        assertThat(zsh.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit");
        assertThat(Cli.run("completion", "fish").errorLine())
                .isEqualTo("vouch: completion: fish is not a shell vouch completes (bash, zsh)");
    }

    @Test
    void theManualHasEveryVerbAndItsOptions() {
        Cli.Result man = Cli.run("man");
        assertThat(man.code()).as(man.err()).isZero();
        assertThat(man.out()).startsWith(".TH VOUCH 1").contains(".SH SYNOPSIS").contains(".SH EXIT STATUS");
        for (String verb : verbs()) {
            assertThat(man.out()).as(verb).contains(".SS vouch " + verb.replace("-", "\\-"));
        }
        assertThat(man.out()).contains(".SS vouch db import").contains(".B \\-\\-policy baseline|strict|FILE|none");
        // every line roff reads as a request starts with a dot and a known request
        assertThat(man.out().lines().filter(l -> l.startsWith(".")))
                .allMatch(l -> l.matches("\\.(TH|SH|SS|TP|B|I)( .*)?"));
    }
}
