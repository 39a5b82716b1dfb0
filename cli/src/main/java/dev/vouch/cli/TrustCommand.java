package dev.vouch.cli;

import dev.vouch.error.InvalidInputException;
import dev.vouch.sign.SigstoreTuf;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code vouch trust}: Sigstore's trusted root for keyless verification, obtained through TUF as cosign obtains it,
 * and what the cache holds of it.
 */
@Command(
        name = "trust",
        description = "Sigstore's trusted root (Fulcio, Rekor, CT logs, TSAs) for keyless verification without"
                + " --trusted-root: update fetches and verifies it through TUF, status says which one is cached.",
        subcommands = {TrustCommand.Update.class, TrustCommand.Status.class})
final class TrustCommand implements Callable<Integer> {
    @Option(
            names = "--tuf-url",
            paramLabel = "URL",
            description = "The TUF repository (default: $VOUCH_TUF_URL, else https://tuf-repo-cdn.sigstore.dev, the"
                    + " public-good instance; a mirror for air-gapped use). Keyless verification uses the root cached"
                    + " for the same repository.")
    URI tufUrl;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "The cache (default: ~/.cache/vouch).")
    Path cacheDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.OK;
    }

    URI mirror() {
        return mirror(Main.Context.of(spec), tufUrl);
    }

    /** {@code --tuf-url}, else {@code $VOUCH_TUF_URL}, else the public-good repository. */
    static URI mirror(Main.Context context, URI flag) {
        if (flag != null) {
            return flag;
        }
        String env = context.env().get("VOUCH_TUF_URL");
        if (env != null && !env.isBlank()) {
            try {
                return URI.create(env);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("$VOUCH_TUF_URL " + env + ": not a URL");
            }
        }
        return SigstoreTuf.PUBLIC_GOOD;
    }

    Path cache() {
        Path dir = cacheDir != null
                ? cacheDir
                : RegistryFlags.defaultCacheDir(Main.Context.of(spec).env());
        if (dir == null) {
            throw new InvalidInputException("no cache directory: set HOME or give --cache-dir");
        }
        return dir;
    }

    static String describe(SigstoreTuf.Status s, Instant now) {
        if (s.trustedRoot() == null) {
            return s.mirror() + ": no trusted root cached (vouch trust update fetches it)";
        }
        return s.mirror() + ": trusted root " + s.trustedRoot() + ", fetched " + age(s.fetched(), now) + " ago; TUF"
                + " root version " + s.rootVersion() + " (expires " + s.rootExpires() + "), timestamp expires "
                + s.timestampExpires();
    }

    static String age(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.toDays() > 0) {
            return d.toDays() + " day(s)";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " hour(s)";
        }
        return Math.max(0, d.toMinutes()) + " minute(s)";
    }

    /** {@code vouch trust update}. */
    @Command(
            name = "update",
            description = "Fetch Sigstore's trusted root through TUF and verify every role (signatures, root rotation,"
                    + " expiry, rollback, hashes) into the cache.")
    static final class Update implements Callable<Integer> {
        @Option(
                names = "--tuf-root",
                paramLabel = "FILE",
                description = "The TUF root to start from (default: the public-good root sigstore-java embeds); for a"
                        + " repository that is not a mirror of the public-good one.")
        Path tufRoot;

        @ParentCommand
        TrustCommand parent;

        @Override
        public Integer call() throws Exception {
            SigstoreTuf.Status s = SigstoreTuf.update(parent.cache(), parent.mirror(), tufRoot);
            parent.spec.commandLine().getOut().println(describe(s, Instant.now()));
            parent.spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }

    /** {@code vouch trust status}. */
    @Command(name = "status", description = "Which trusted root is cached, from where, and how old it is.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        TrustCommand parent;

        @Override
        public Integer call() throws Exception {
            SigstoreTuf.Status s = SigstoreTuf.status(parent.cache(), parent.mirror());
            parent.spec.commandLine().getOut().println(describe(s, Instant.now()));
            parent.spec.commandLine().getOut().flush();
            return s.trustedRoot() == null ? Main.CHECK_FAILED : Main.OK;
        }
    }
}
