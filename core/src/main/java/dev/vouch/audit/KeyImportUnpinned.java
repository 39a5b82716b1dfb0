package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.Pipeline;
import dev.vouch.shell.Script;
import dev.vouch.shell.SimpleCommand;
import dev.vouch.shell.Word;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DF009: a repository or release key is trusted without pinning its full fingerprint: a short key id (which anyone
 * can collide), a plain hkp:// keyserver with nothing to check the keys against, a key fetched over plain http, or
 * a key downloaded and imported ({@code gpg --import}, {@code apt-key add}, {@code rpm --import}) as it arrives when
 * nothing in the RUN names a full fingerprint. Key ids are followed through the RUN's variables and loops
 * ({@link ShellValues}); a downloaded key bundle imported into a throw-away keyring and filtered to pinned
 * fingerprints ({@code gpg --export FPR}, {@code gpg --fingerprint FPR}) is pinned.
 */
final class KeyImportUnpinned implements AuditRule {
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern SHORT_ID = Pattern.compile("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}");
    private static final Set<String> PINNING_COMMANDS =
            Set.of("gpg", "gpg2", "grep", "[", "test", "[[", "rpmkeys", "rpm");

    public String id() {
        return "DF009";
    }

    public Severity severity() {
        return Severity.HIGH;
    }

    public String title() {
        return "Key imported without a pinned fingerprint";
    }

    public void check(AuditContext ctx) {
        ctx.forEachRun((index, run, script) -> {
            ShellValues values = ctx.values(index);
            for (Pipeline p : script.pipelines()) {
                List<SimpleCommand> cs = p.commands();
                for (int i = 0; i < cs.size(); i++) {
                    SimpleCommand c = cs.get(i);
                    String prog = Commands.program(c);
                    List<String> args = Commands.args(c);
                    if (prog.equals("apt-key") || prog.equals("gpg") || prog.equals("gpg2")) {
                        keyserverChecks(ctx, run, p, c, prog, args, values);
                    }
                    boolean fromDownload = i > 0 && cs.subList(0, i).stream().anyMatch(Commands::downloader);
                    if (!fromDownload) {
                        continue;
                    }
                    for (SimpleCommand before : cs.subList(0, i)) {
                        boolean http = Commands.downloader(before)
                                && Commands.args(before).stream()
                                        .flatMap(a -> values.expand(a, p).stream())
                                        .anyMatch(PlainHttpDownload::insecure);
                        if (http && Downloads.KEY_CONSUMERS.contains(prog)) {
                            ctx.report(run, "a key is fetched over plain http and imported by " + prog);
                            return;
                        }
                    }
                    if (imports(prog, args) && !pinsFingerprint(script, values)) {
                        ctx.report(
                                run,
                                "a downloaded key is piped into " + prog + " " + importVerb(prog)
                                        + " as it arrives: nothing compares it with a pinned fingerprint");
                    }
                }
            }
        });
        for (Stage stage : ctx.model().stages()) {
            for (Downloads.Download d : Downloads.in(ctx, stage)) {
                if (d.kind() != Downloads.Kind.KEY || d.names().isEmpty()) {
                    continue;
                }
                Script script = ctx.script(d.index());
                ShellValues values = ctx.values(d.index());
                if (script == null || pinsFingerprint(script, values)) {
                    continue;
                }
                String importer = importerOf(script, values, d);
                if (importer != null) {
                    ctx.report(
                            d.at(),
                            "the key downloaded from " + d.url() + " is imported by " + importer
                                    + " as it arrives: nothing compares it with a pinned fingerprint (export only"
                                    + " pinned fingerprints from a throw-away keyring, or check gpg --fingerprint)");
                }
            }
        }
    }

    /** Whether a command adds a key to a keyring that later checks signatures. */
    private static boolean imports(String prog, List<String> args) {
        return switch (prog) {
            case "gpg", "gpg2" -> args.contains("--import");
            case "apt-key" -> args.contains("add");
            case "rpm", "rpmkeys" -> args.contains("--import");
            default -> false;
        };
    }

    private static String importVerb(String prog) {
        return prog.equals("apt-key") ? "add" : "--import";
    }

    /** The command that imports a downloaded key file ("gpg --import"), or null when none does. */
    private static String importerOf(Script script, ShellValues values, Downloads.Download d) {
        for (Pipeline p : script.pipelines()) {
            for (SimpleCommand c : p.commands()) {
                String prog = Commands.program(c);
                List<String> args = Commands.args(c);
                if (!imports(prog, args)) {
                    continue;
                }
                boolean names =
                        args.stream().flatMap(a -> values.expand(a, p).stream()).anyMatch(v -> Downloads.names(d, v))
                                || c.redirects().stream()
                                        .filter(r -> r.op().equals("<"))
                                        .anyMatch(r ->
                                                Downloads.names(d, r.target().value()));
                if (names) {
                    return prog + " " + importVerb(prog);
                }
            }
        }
        return null;
    }

    /**
     * Whether the RUN names a full fingerprint where keys are chosen or checked: in a gpg command (export, recv,
     * fingerprint, trust), a grep, or a test, directly or through a variable or loop.
     */
    static boolean pinsFingerprint(Script script, ShellValues values) {
        for (Pipeline p : script.pipelines()) {
            for (SimpleCommand c : p.commands()) {
                if (!PINNING_COMMANDS.contains(Commands.program(c))) {
                    continue;
                }
                for (String a : Commands.args(c)) {
                    for (String v : fields(values.expand(a, p))) {
                        if (FINGERPRINT.matcher(hex(v)).matches()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static void keyserverChecks(
            AuditContext ctx,
            dev.vouch.dockerfile.Instruction run,
            Pipeline p,
            SimpleCommand c,
            String prog,
            List<String> args,
            ShellValues values) {
        List<String> keys = new ArrayList<>();
        List<Word> words = c.words();
        int offset = words.size() - args.size();
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k).startsWith("--recv")) {
                for (int j = k + 1; j < args.size(); j++) {
                    String key = args.get(j);
                    if (key.startsWith("-")) {
                        break;
                    }
                    Word w = words.get(offset + j);
                    boolean quoted = w.raw().startsWith("\"") || w.raw().startsWith("'");
                    Set<String> vs = values.expand(key, p);
                    keys.addAll(quoted ? vs : fields(vs));
                }
            }
        }
        for (String v : keys) {
            if (SHORT_ID.matcher(hex(v)).matches()) {
                ctx.report(
                        run,
                        prog + " --recv-keys " + v + " is a short key id that another key can collide with;"
                                + " use the full 40-character fingerprint");
            }
        }
        boolean allPinned = !keys.isEmpty()
                && keys.stream().allMatch(v -> FINGERPRINT.matcher(hex(v)).matches());
        for (int k = 0; k + 1 < args.size(); k++) {
            if (args.get(k).equals("--keyserver")
                    && args.get(k + 1).toLowerCase(Locale.ROOT).startsWith("hkp://")
                    && !allPinned) {
                ctx.report(
                        run,
                        prog + " fetches keys from " + args.get(k + 1)
                                + " without TLS and without full fingerprints to check them against");
            }
        }
    }

    /** Values split into fields on blanks, as an unquoted expansion is. */
    private static Set<String> fields(Set<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (FINGERPRINT.matcher(hex(v)).matches()) {
                out.add(v); // a fingerprint written in groups of four stays one key
                continue;
            }
            for (String f : v.strip().split("\\s+")) {
                if (!f.isEmpty()) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static String hex(String v) {
        String h = v.replace(" ", "");
        return h.startsWith("0x") || h.startsWith("0X") ? h.substring(2) : h;
    }
}
