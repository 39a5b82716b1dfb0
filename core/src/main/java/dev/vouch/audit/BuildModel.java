package dev.vouch.audit;

import dev.vouch.dockerfile.Dockerfile;
import dev.vouch.dockerfile.Instruction;
import dev.vouch.dockerfile.WordExpander;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a Dockerfile builds, as the <a href="https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact">Dockerfile
 * reference</a> defines it: global ARGs before the first FROM, stages with their names and bases (ARGs expanded;
 * a base may be an earlier stage), the stages other stages copy from ({@code COPY --from}), and the variables in
 * force at each instruction for expanding its words.
 */
public final class BuildModel {
    private final Dockerfile dockerfile;
    private final List<Stage> stages = new ArrayList<>();
    private final Map<String, String> globalArgs = new LinkedHashMap<>();
    private final Set<Integer> copiedFrom = new LinkedHashSet<>();
    private final Map<Integer, Map<String, String>> envAt = new HashMap<>();
    private final WordExpander expander;
    private final Map<String, String> expanded = new HashMap<>();

    private BuildModel(Dockerfile dockerfile, Map<String, String> buildArgs) {
        this.dockerfile = dockerfile;
        this.expander = new WordExpander(dockerfile.escape(), false, true);
        List<Instruction> all = dockerfile.instructions();
        int i = 0;
        for (; i < all.size() && !all.get(i).command().equals("from"); i++) {
            Instruction in = all.get(i);
            if (in.command().equals("arg")) {
                declareArgs(in, globalArgs, globalArgs, buildArgs);
            }
        }
        Map<String, Integer> byName = new HashMap<>();
        while (i < all.size()) {
            Instruction from = all.get(i);
            int fromIndex = i;
            List<String> a = from.args();
            String raw = a.isEmpty() ? "" : a.get(0);
            String image = expand(raw, globalArgs);
            String name =
                    a.size() >= 3 && a.get(1).equalsIgnoreCase("as") ? a.get(2).toLowerCase(Locale.ROOT) : null;
            Integer base = byName.get(image.toLowerCase(Locale.ROOT));
            Map<String, String> env = new LinkedHashMap<>();
            List<Stage.Indexed> body = new ArrayList<>();
            envAt.put(fromIndex, Map.copyOf(globalArgs));
            for (i = fromIndex + 1; i < all.size() && !all.get(i).command().equals("from"); i++) {
                Instruction in = all.get(i);
                envAt.put(i, Map.copyOf(env));
                body.add(new Stage.Indexed(i, in));
                switch (in.command()) {
                    case "arg" -> declareArgs(in, env, globalArgs, buildArgs);
                    case "env" -> {
                        for (int k = 0; k + 1 < in.args().size(); k += 3) {
                            env.put(in.args().get(k), expand(in.args().get(k + 1), env));
                        }
                    }
                    default -> {}
                }
            }
            int index = stages.size();
            stages.add(new Stage(index, name, image, !image.contains("$"), base == null ? -1 : base, from, body));
            if (name != null) {
                byName.put(name, index);
            }
        }
        for (Stage s : stages) {
            for (Stage.Indexed in : s.instructions()) {
                if (in.instruction().command().equals("copy")) {
                    for (String f : in.instruction().flags()) {
                        if (f.startsWith("--from=")) {
                            String ref = f.substring(7).toLowerCase(Locale.ROOT);
                            Integer target = byName.get(ref);
                            if (target == null && ref.matches("\\d{1,4}") && Integer.parseInt(ref) < stages.size()) {
                                target = Integer.parseInt(ref);
                            }
                            if (target != null) {
                                copiedFrom.add(target);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Builds the model; {@code buildArgs} are the {@code --build-arg} values. */
    public static BuildModel of(Dockerfile dockerfile, Map<String, String> buildArgs) {
        return new BuildModel(dockerfile, buildArgs);
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    public List<Stage> stages() {
        return stages;
    }

    /** The last stage, which the image is made of (without {@code --target}); null for a file without FROM. */
    public Stage finalStage() {
        return stages.isEmpty() ? null : stages.get(stages.size() - 1);
    }

    /** The indexes of the stages that another stage copies files from. */
    public Set<Integer> copiedFrom() {
        return copiedFrom;
    }

    /** Whether the final image contains what this stage produced: it is the final stage or one it is built on. */
    public boolean shipped(Stage s) {
        Stage f = finalStage();
        for (Stage at = f; at != null; at = at.baseStage() >= 0 ? stages.get(at.baseStage()) : null) {
            if (at.index() == s.index()) {
                return true;
            }
        }
        return false;
    }

    /** A word of the instruction at {@code index} with the ARGs and ENVs in force expanded (unknown ones kept). */
    public String expandAt(int index, String word) {
        if (word.indexOf('$') < 0 && word.indexOf('\'') < 0 && word.indexOf('"') < 0 && word.indexOf('\\') < 0) {
            return word; // nothing to expand or unquote: the common case, kept cheap
        }
        return expanded.computeIfAbsent(
                index + "\u0000" + word, k -> expand(word, envAt.getOrDefault(index, Map.of())));
    }

    private String expand(String word, Map<String, String> env) {
        try {
            return expander.expand(word, env);
        } catch (WordExpander.ExpansionException e) {
            return word;
        }
    }

    private void declareArgs(
            Instruction in, Map<String, String> into, Map<String, String> globals, Map<String, String> buildArgs) {
        for (String w : in.args()) {
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            String value;
            if (buildArgs.containsKey(key)) {
                value = buildArgs.get(key);
            } else if (eq >= 0) {
                value = expand(w.substring(eq + 1), into);
            } else if (globals.containsKey(key)) {
                value = globals.get(key);
            } else {
                continue;
            }
            into.put(key, value);
        }
    }
}
