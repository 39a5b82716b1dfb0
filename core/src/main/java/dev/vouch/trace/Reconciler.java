package dev.vouch.trace;

import dev.vouch.audit.BuildModel;
import dev.vouch.audit.Stage;
import dev.vouch.dockerfile.Instruction;
import dev.vouch.image.ImageConfig;
import dev.vouch.inspect.HistoryAlignment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aligns a Dockerfile's target stage (and the stages it is built on) with the image's history after the base's
 * entries: an in-order alignment (longest common subsequence) of instructions and entries, where an instruction
 * matches an entry when the builder would have recorded it so (see {@link RecordedStep}). ARG is optional (only
 * BuildKit records it). Then the config facts the Dockerfile sets are compared with the image config.
 */
public final class Reconciler {
    private static final Pattern PORT = Pattern.compile("(\\d+(?:-\\d+)?)(?:/(tcp|udp|sctp))?");

    private Reconciler() {}

    /**
     * Reconciles {@code config} (the image's) with {@code model}'s stage {@code target} (null: the last).
     *
     * @param baseEntries how many history entries are the base's (from a VERIFIED base check), or -1 when unknown:
     *     then the entries before the first matched one are taken as the base's
     */
    public static Reconciliation reconcile(
            ImageConfig config, HistoryAlignment.Result aligned, BuildModel model, Stage target, int baseEntries) {
        Stage stage = target != null ? target : model.finalStage();
        String targetName = stage == null ? null : stage.label();
        List<ImageConfig.History> history = config.history();
        if (stage == null) {
            return unverifiable("the Dockerfile has no FROM", targetName);
        }
        if (history.isEmpty()) {
            return unverifiable("the image has no history: nothing to reconcile the Dockerfile with", targetName);
        }
        if (BaseVerification.squashed(config)) {
            return unverifiable(
                    "the image is squashed: its " + config.rootfs().diffIds().size()
                            + " layer(s) stand for more history steps, so no layer can be tied to a line",
                    targetName);
        }
        if (!aligned.aligned()) {
            return unverifiable("the history's layer-making entries do not line up with the layers", targetName);
        }
        List<Expected> expected = expected(model, Reconciliation.chain(model, stage));
        List<RecordedStep> steps = new ArrayList<>();
        for (ImageConfig.History h : history) {
            steps.add(RecordedStep.of(h.createdBy()));
        }
        int from = Math.max(0, Math.min(baseEntries, history.size()));
        int[] pairOf = align(expected, steps, from); // history index -> expected index, or -1
        int firstMatched = -1;
        for (int i = from; i < history.size(); i++) {
            if (pairOf[i] >= 0) {
                firstMatched = i;
                break;
            }
        }
        int baseEnd = baseEntries >= 0 ? from : (firstMatched < 0 ? 0 : firstMatched);
        List<Reconciliation.Entry> entries = new ArrayList<>();
        List<Reconciliation.LayerLine> layers = new ArrayList<>();
        Integer[] foundAt = new Integer[expected.size()];
        boolean unexplained = false;
        for (int i = 0; i < history.size(); i++) {
            HistoryAlignment.Step s = aligned.steps().get(i);
            Reconciliation.EntryState state;
            Integer line = null;
            if (i < baseEnd) {
                state = Reconciliation.EntryState.BASE;
            } else if (pairOf[i] >= 0) {
                state = Reconciliation.EntryState.MATCHED;
                Expected e = expected.get(pairOf[i]);
                line = e.in().startLine();
                foundAt[pairOf[i]] = i;
                if (s.layer() != null) {
                    layers.add(new Reconciliation.LayerLine(s.layer(), line, e.keyword()));
                }
            } else {
                state = Reconciliation.EntryState.UNEXPLAINED;
                unexplained = true;
            }
            // shown in reports: masked (the step itself keeps the real command, which reconciliation compares)
            entries.add(new Reconciliation.Entry(
                    i, dev.vouch.secret.SecretLike.maskText(s.createdBy()), s.layer(), state, line));
        }
        List<Reconciliation.InstructionState> instructions = new ArrayList<>();
        boolean missing = false;
        for (int k = 0; k < expected.size(); k++) {
            Expected e = expected.get(k);
            instructions.add(new Reconciliation.InstructionState(
                    e.in().startLine(), e.keyword(), e.shown(), e.makesLayer(), e.optional(), foundAt[k]));
            missing |= foundAt[k] == null && !e.optional();
        }
        List<Reconciliation.ConfigFact> facts = configFacts(model, Reconciliation.chain(model, stage), config);
        boolean disagrees = facts.stream().anyMatch(f -> !f.agrees());
        TraceStatus status = unexplained || missing || disagrees ? TraceStatus.MISMATCH : TraceStatus.VERIFIED;
        String reason = null;
        if (status == TraceStatus.MISMATCH) {
            List<String> why = new ArrayList<>();
            long u = entries.stream()
                    .filter(e -> e.state() == Reconciliation.EntryState.UNEXPLAINED)
                    .count();
            long m = instructions.stream()
                    .filter(i -> !i.found() && !i.optional())
                    .count();
            long d = facts.stream().filter(f -> !f.agrees()).count();
            if (u > 0) {
                why.add(u + " history entr" + (u == 1 ? "y" : "ies") + " the Dockerfile does not explain");
            }
            if (m > 0) {
                why.add(m + " instruction(s) missing from the history");
            }
            if (d > 0) {
                why.add(d + " config value(s) differ");
            }
            reason = String.join("; ", why);
        }
        return new Reconciliation(status, reason, targetName, entries, instructions, facts, layers);
    }

    private static Reconciliation unverifiable(String why, String target) {
        return new Reconciliation(TraceStatus.UNVERIFIABLE, why, target, List.of(), List.of(), List.of(), List.of());
    }

    /** One instruction as the history would record it. */
    private record Expected(
            Instruction in,
            String keyword,
            String text,
            List<String> words,
            Map<String, String> pairs,
            String workdir) {
        boolean makesLayer() {
            return keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD");
        }

        boolean optional() {
            return keyword.equals("ARG") || keyword.equals("MAINTAINER");
        }

        String shown() {
            String t = dev.vouch.secret.SecretLike.maskText(in.original());
            return t.length() > 120 ? t.substring(0, 117) + "..." : t;
        }
    }

    private static List<Expected> expected(BuildModel model, List<Stage> chain) {
        List<Expected> out = new ArrayList<>();
        String workdir = "/";
        for (Stage st : chain) {
            for (Stage.Indexed ix : st.instructions()) {
                Instruction in = ix.instruction();
                String kw = in.keyword().toUpperCase(Locale.ROOT);
                List<String> args = in.args();
                String text = "";
                List<String> words = List.of();
                Map<String, String> pairs = Map.of();
                switch (kw) {
                    case "RUN" -> {
                        words = in.json() ? args : List.of();
                        text = RecordedStep.collapse(String.join(" ", args));
                    }
                    case "COPY", "ADD" -> {
                        String dst = args.isEmpty() ? "" : model.expandAt(ix.index(), args.get(args.size() - 1));
                        text = dst;
                    }
                    case "ENV", "LABEL" -> {
                        Map<String, String> p = new LinkedHashMap<>();
                        for (int k = 0; k + 1 < args.size(); k += 3) {
                            p.put(model.expandAt(ix.index(), args.get(k)), model.expandAt(ix.index(), args.get(k + 1)));
                        }
                        pairs = p;
                    }
                    case "WORKDIR" -> {
                        String w = args.isEmpty() ? "" : model.expandAt(ix.index(), args.get(0));
                        workdir = w.startsWith("/") ? w : (workdir.endsWith("/") ? workdir : workdir + "/") + w;
                        text = w;
                    }
                    case "ENTRYPOINT", "CMD", "SHELL", "VOLUME" -> {
                        words = in.json() || kw.equals("VOLUME")
                                ? args
                                : List.of("/bin/sh", "-c", String.join(" ", args));
                        text = RecordedStep.collapse(String.join(" ", args));
                    }
                    default ->
                        text = args.isEmpty()
                                ? ""
                                : RecordedStep.collapse(model.expandAt(ix.index(), String.join(" ", args)));
                }
                out.add(new Expected(in, kw, text, words, pairs, workdir));
            }
        }
        return out;
    }

    /** Whether a history step is what the builder records for this instruction. */
    static boolean matches(Expected e, RecordedStep s) {
        if (s.keyword() == null && e.keyword().equals("RUN") && e.in().json()) {
            return e.text().equals(s.text()); // the classic builder records an exec-form RUN as its bare words
        }
        if (!e.keyword().equals(s.keyword())) {
            return false;
        }
        return switch (e.keyword()) {
            case "RUN" -> {
                if (!e.in().heredocs().isEmpty()) {
                    yield s.text().startsWith(e.text()) || e.text().startsWith(s.text());
                }
                yield e.in().json()
                        ? e.words().equals(s.words()) || e.text().equals(s.text())
                        : e.text().equals(s.text());
            }
            case "COPY", "ADD" -> sameDestination(e, s.text());
            case "ENV", "LABEL" ->
                // BuildKit writes k=v unquoted, so a value with a space reads back ambiguously: compare both ways
                e.pairs().equals(pairs(s.text())) || joined(e.pairs()).equals(s.text());
            case "EXPOSE" -> ports(e.text()).equals(ports(s.text()));
            case "ENTRYPOINT", "CMD", "SHELL", "VOLUME" ->
                (!s.words().isEmpty()
                                && (e.words().equals(s.words()) || e.in().args().equals(s.words())))
                        || e.text().equals(s.text());
            case "HEALTHCHECK", "ONBUILD", "MAINTAINER" -> true;
            case "ARG" -> s.text().startsWith(e.text().split("=", 2)[0]);
            default -> e.text().equals(s.text());
        };
    }

    private static String joined(Map<String, String> pairs) {
        List<String> out = new ArrayList<>();
        pairs.forEach((k, v) -> out.add(k + "=" + v));
        return RecordedStep.collapse(String.join(" ", out));
    }

    private static boolean sameDestination(Expected e, String recorded) {
        String want = trimSlash(e.text());
        String got = trimSlash(recorded);
        if (want.equals(got) || want.equals(".") && got.equals(trimSlash(e.workdir()))) {
            return true;
        }
        String resolved = (e.workdir().endsWith("/") ? e.workdir() : e.workdir() + "/") + want;
        return !want.startsWith("/") && trimSlash(resolved).equals(got);
    }

    private static String trimSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code k=v} pairs of a recorded ENV/LABEL, double or single quotes removed ({@code k="a b"} is one pair). */
    static Map<String, String> pairs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            StringBuilder key = new StringBuilder();
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ' ') {
                key.append(text.charAt(i++));
            }
            if (i >= n || text.charAt(i) != '=') {
                if (key.length() > 0) {
                    // the legacy form "ENV key value": the rest is the value
                    out.put(
                            key.toString(),
                            unquote(text.substring(Math.min(n, i + 1)).strip()));
                }
                break;
            }
            i++;
            StringBuilder value = new StringBuilder();
            char quote = 0;
            while (i < n && (quote != 0 || text.charAt(i) != ' ')) {
                char c = text.charAt(i++);
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote != '\'' && i < n) {
                    value.append(text.charAt(i++));
                } else {
                    value.append(c);
                }
            }
            out.put(key.toString(), value.toString());
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1)
                : s;
    }

    static Set<String> ports(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PORT.matcher(text);
        while (m.find()) {
            out.add(m.group(1) + "/" + (m.group(2) == null ? "tcp" : m.group(2)));
        }
        return out;
    }

    /** The in-order alignment with the most matched pairs; returns, per history index, the expected index or -1. */
    private static int[] align(List<Expected> expected, List<RecordedStep> steps, int from) {
        int n = expected.size();
        int m = steps.size() - from;
        int[][] best = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                best[i][j] = matches(expected.get(i), steps.get(from + j))
                        ? best[i + 1][j + 1] + 1
                        : Math.max(best[i + 1][j], best[i][j + 1]);
            }
        }
        int[] pairOf = new int[steps.size()];
        java.util.Arrays.fill(pairOf, -1);
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (matches(expected.get(i), steps.get(from + j)) && best[i][j] == best[i + 1][j + 1] + 1) {
                pairOf[from + j] = i;
                i++;
                j++;
            } else if (best[i + 1][j] >= best[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return pairOf;
    }

    /** USER, WORKDIR, ENTRYPOINT, CMD, ENV, EXPOSE and LABEL as the Dockerfile leaves them, against the config. */
    private static List<Reconciliation.ConfigFact> configFacts(
            BuildModel model, List<Stage> chain, ImageConfig config) {
        ImageConfig.RunConfig rc = config.config();
        Map<String, Fact> last = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Integer> envLine = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Integer> labelLine = new LinkedHashMap<>();
        Set<String> ports = new LinkedHashSet<>();
        int portLine = 0;
        for (Expected e : expected(model, chain)) {
            int line = e.in().startLine();
            switch (e.keyword()) {
                case "USER" -> last.put("user", new Fact(e.text(), line));
                case "WORKDIR" -> last.put("workdir", new Fact(e.workdir(), line));
                case "ENTRYPOINT" -> last.put("entrypoint", new Fact(String.join(" ", e.words()), line));
                case "CMD" -> last.put("cmd", new Fact(String.join(" ", e.words()), line));
                case "ENV" ->
                    e.pairs().forEach((k, v) -> {
                        env.put(k, v);
                        envLine.put(k, line);
                    });
                case "LABEL" ->
                    e.pairs().forEach((k, v) -> {
                        labels.put(k, v);
                        labelLine.put(k, line);
                    });
                case "EXPOSE" -> {
                    ports.addAll(ports(e.text()));
                    portLine = line;
                }
                default -> {}
            }
        }
        List<Reconciliation.ConfigFact> out = new ArrayList<>();
        fact(out, last.get("user"), "user", rc.user() == null ? "" : rc.user());
        fact(out, last.get("workdir"), "workdir", rc.workingDir() == null ? "" : rc.workingDir());
        fact(out, last.get("entrypoint"), "entrypoint", String.join(" ", rc.entrypoint()));
        fact(out, last.get("cmd"), "cmd", String.join(" ", rc.cmd()));
        Map<String, String> imageEnv = new LinkedHashMap<>();
        for (String kv : rc.env()) {
            int eq = kv.indexOf('=');
            imageEnv.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        env.forEach((k, v) -> {
            String have = imageEnv.get(k);
            boolean agrees = v.equals(have);
            if (dev.vouch.secret.SecretLike.envLooksSecret(k, v)
                    || have != null && dev.vouch.secret.SecretLike.envLooksSecret(k, have)) {
                // compared in full, shown masked: a reconciliation report must not carry the secret
                out.add(new Reconciliation.ConfigFact(
                        "env " + k,
                        dev.vouch.secret.SecretLike.mask(v),
                        have == null ? null : dev.vouch.secret.SecretLike.mask(have),
                        agrees,
                        envLine.get(k)));
            } else {
                fact(out, new Fact(v, envLine.get(k)), "env " + k, have);
            }
        });
        labels.forEach((k, v) -> {
            String have = rc.labels().get(k);
            if (dev.vouch.secret.SecretLike.envLooksSecret(k, v)
                    || have != null && dev.vouch.secret.SecretLike.envLooksSecret(k, have)) {
                // as env: compared in full, shown masked
                out.add(new Reconciliation.ConfigFact(
                        "label " + k,
                        dev.vouch.secret.SecretLike.mask(v),
                        have == null ? null : dev.vouch.secret.SecretLike.mask(have),
                        v.equals(have),
                        labelLine.get(k)));
            } else {
                fact(out, new Fact(v, labelLine.get(k)), "label " + k, have);
            }
        });
        if (!ports.isEmpty()) {
            Set<String> have = new TreeSet<>();
            rc.exposedPorts().keySet().forEach(p -> have.addAll(ports(p)));
            boolean agrees = have.containsAll(ports);
            out.add(new Reconciliation.ConfigFact(
                    "expose", String.join(" ", ports), String.join(" ", have), agrees, portLine));
        }
        return out;
    }

    private record Fact(String value, int line) {}

    private static void fact(List<Reconciliation.ConfigFact> out, Fact f, String name, String image) {
        if (f != null) {
            out.add(new Reconciliation.ConfigFact(
                    name, f.value(), image, f.value().equals(image), f.line()));
        }
    }
}
