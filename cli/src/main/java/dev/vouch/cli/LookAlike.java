package dev.vouch.cli;

import dev.vouch.audit.LookAlikeNames;
import picocli.CommandLine.Model.CommandSpec;

/** The look-alike name check (DF003) on every image reference a verb is given: a warning on stderr, never silent. */
final class LookAlike {
    private LookAlike() {}

    static void warn(CommandSpec spec, String reference) {
        LookAlikeNames.check(reference)
                .ifPresent(f ->
                        spec.commandLine().getErr().println("vouch: warning: " + f.message() + " [" + f.id() + "]"));
    }
}
