package dev.vouch.cli;

import dev.vouch.check.HtmlModel;
import dev.vouch.server.work.ImageChecker;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The server's checks are {@code vouch check} itself: each one parses {@code check REF} plus the options {@code vouch
 * serve} passes on (database, policy, keys, registry flags) and runs the same code as the verb.
 */
final class ServeChecks implements ImageChecker {
    private final Main.Context context;
    private final List<String> options;

    ServeChecks(Main.Context context, List<String> options) {
        this.context = context;
        this.options = List.copyOf(options);
    }

    @Override
    public Checked check(String reference) throws Exception {
        List<String> args = new ArrayList<>();
        args.add("check");
        args.add(reference);
        args.addAll(options);
        CommandLine root = new CommandLine(new Main(context));
        CommandLine.ParseResult parsed = root.parseArgs(args.toArray(String[]::new));
        CheckCommand check = (CheckCommand) parsed.subcommand().commandSpec().userObject();
        return check.forServer();
    }

    @Override
    public String render(HtmlModel page) {
        return HtmlReport.render(page);
    }
}
