package dev.vouch.cli;

import dev.vouch.error.VouchException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code vouch} command. Exit codes for every verb: 0 success, 1 a check failed, 2 bad input or an error
 * (printed as one line on stderr; {@code --debug} adds the stack trace).
 */
@Command(
        name = "vouch",
        // --help and --version on every verb too (vouch check --help), as users type them
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Evidence that a container image can be trusted: where it came from, whether it is the image"
                + " that was built, and what is inside.",
        subcommands = {
            CheckCommand.class,
            EngineCommand.class,
            PolicyCommand.class,
            ManifestsCommand.class,
            ServeCommand.class,
            InspectCommand.class,
            LayersCommand.class,
            SbomCommand.class,
            ScanCommand.class,
            SecretsCommand.class,
            HardeningCommand.class,
            TraceCommand.class,
            KeygenCommand.class,
            SignCommand.class,
            VerifyCommand.class,
            VerifyBlobCommand.class,
            LockCommand.class,
            DiffCommand.class,
            DbCommand.class,
            ResolveCommand.class,
            DockerfileCommand.class,
            PinCommand.class,
            TagsCommand.class,
            CatalogCommand.class,
            CacheCommand.class,
            TrustCommand.class,
            CompletionCommand.class,
            ManCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int ERROR = 2;

    /** What a run sees of the process: its environment (credentials, cache location) and standard input. */
    public record Context(java.util.Map<String, String> env, java.io.InputStream stdin) {
        static Context of(picocli.CommandLine.Model.CommandSpec spec) {
            return ((Main) spec.root().userObject()).context;
        }
    }

    private final Context context;

    Main(Context context) {
        this.context = context;
    }

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, new Context(System.getenv(), System.in));
    }

    /** Runs the command line in a given environment (tests give their own). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Context context) {
        CommandLine cmd = new CommandLine(new Main(context));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            String message = e instanceof VouchException
                    ? e.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
            line.getErr().println("vouch: " + message);
            if (debug) {
                e.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return ERROR;
        });
        cmd.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("vouch: " + oneLine(e.getMessage()));
            e.getCommandLine()
                    .getErr()
                    .println("Try 'vouch " + e.getCommandLine().getCommandName() + " --help'.");
            return ERROR;
        });
        int code;
        try {
            code = cmd.execute(args);
        } catch (OutOfMemoryError e) {
            // what filled the heap is unreachable by now: one line, as for any input too large to handle
            String verb = args.length == 0 ? "" : " " + args[0];
            err.println("vouch: out of memory running vouch" + verb
                    + ": the input is too large for this heap (raise it, e.g. VOUCH_JAVA_OPTS=-Xmx1g)");
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(err);
            }
            code = ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }

    static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }
}
