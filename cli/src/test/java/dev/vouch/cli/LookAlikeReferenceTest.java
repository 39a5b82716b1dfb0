package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DF003 on image references given to any verb, before anything is fetched (no network is needed to see it). */
class LookAlikeReferenceTest {
    @Test
    void aTyposquatOrBorrowedNameIsWarnedAboutByEveryVerb() {
        for (String[] args : new String[][] {
            {"inspect", "ngnix:latest"}, {"resolve", "ngnix:latest"}, {"verify", "--key", "/nonexistent.pub", "ngnix"}
        }) {
            Cli.Result r = Cli.runIn(Cli.freshUser(java.nio.file.Path.of("/nonexistent-home")), "", args);
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .contains("vouch: warning: ngnix")
                    .contains("one edit from the official nginx")
                    .contains("[DF003]");
        }
        Cli.Result borrowed = Cli.run("resolve", "library-nginx/nginx:1");
        assertThat(borrowed.err())
                .contains("borrows the name in namespace library-nginx")
                .contains("[DF003]");
        // official names, other registries and local layouts: nothing said
        for (String fine : new String[] {"nginx:1.27", "ghcr.io/ngnix/tool:1", "127.0.0.1:1/ngnix:1"}) {
            assertThat(Cli.run("resolve", fine).err()).as(fine).doesNotContain("DF003");
        }
    }
}
