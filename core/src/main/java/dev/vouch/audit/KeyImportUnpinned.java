package dev.vouch.audit;

import dev.vouch.report.Severity;
import dev.vouch.shell.Pipeline;
import dev.vouch.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DF009: a repository or release key is imported without pinning its full fingerprint: a short key id (which
 * anyone can collide), a plain hkp:// keyserver with nothing to check the keys against, or a key piped straight
 * from a download into apt-key or gpg. Key ids given through a {@code for key in …} loop are read from the loop.
 */
final class KeyImportUnpinned implements AuditRule {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

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
            Map<String, List<String>> loops = new HashMap<>();
            for (SimpleCommand c : script.allCommands()) {
                List<String> w = c.words().stream().map(x -> x.value()).toList();
                if (w.size() >= 3 && w.get(0).equals("for") && w.get(2).equals("in")) {
                    loops.put(w.get(1), w.subList(3, w.size()));
                }
            }
            for (Pipeline p : script.pipelines()) {
                List<SimpleCommand> cs = p.commands();
                for (int i = 0; i < cs.size(); i++) {
                    SimpleCommand c = cs.get(i);
                    String prog = Commands.program(c);
                    List<String> args = Commands.args(c);
                    if (prog.equals("apt-key") || prog.equals("gpg") || prog.equals("gpg2")) {
                        keyserverChecks(ctx, run, index, prog, args, loops);
                    }
                    boolean fromDownload = i > 0 && cs.subList(0, i).stream().anyMatch(Commands::downloader);
                    if (prog.equals("apt-key") && args.contains("add") && fromDownload) {
                        ctx.report(run, "a downloaded key is piped into apt-key add without checking its fingerprint");
                    }
                    if ((prog.equals("gpg") || prog.equals("apt-key")) && fromDownload) {
                        for (SimpleCommand before : cs.subList(0, i)) {
                            boolean http = Commands.downloader(before)
                                    && Commands.args(before).stream()
                                            .anyMatch(a -> PlainHttpDownload.insecure(
                                                    ctx.model().expandAt(index, a)));
                            if (http) {
                                ctx.report(run, "a key is fetched over plain http and imported by " + prog);
                            }
                        }
                    }
                }
            }
        });
    }

    private static void keyserverChecks(
            AuditContext ctx,
            dev.vouch.dockerfile.Instruction run,
            int index,
            String prog,
            List<String> args,
            Map<String, List<String>> loops) {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k).startsWith("--recv")) {
                for (String key : args.subList(k + 1, args.size())) {
                    if (key.startsWith("-")) {
                        break;
                    }
                    Matcher m = VARIABLE.matcher(key);
                    if (m.matches() && loops.containsKey(m.group(1))) {
                        keys.addAll(loops.get(m.group(1)));
                    } else {
                        keys.add(ctx.model().expandAt(index, key));
                    }
                }
            }
        }
        for (String v : keys) {
            if (hex(v).matches("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}")) {
                ctx.report(
                        run,
                        prog + " --recv-keys " + v + " is a short key id that another key can collide with;"
                                + " use the full 40-character fingerprint");
            }
        }
        boolean allPinned = !keys.isEmpty() && keys.stream().allMatch(v -> hex(v).matches("[0-9A-Fa-f]{40}"));
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

    private static String hex(String v) {
        String h = v.replace(" ", "");
        return h.startsWith("0x") || h.startsWith("0X") ? h.substring(2) : h;
    }
}
