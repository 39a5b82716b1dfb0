package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.shell.Script;
import dev.vouch.shell.ShellParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a rule sees (the build model, RUN scripts parsed once) and where it reports. */
public final class AuditContext {
    private final BuildModel model;
    private final String file;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Integer, Script> scripts = new HashMap<>();
    private final Map<Integer, ShellValues> values = new HashMap<>();
    private final Map<String, Object> memos = new HashMap<>();
    private final AuditOptions options;
    private AuditRule current;

    AuditContext(BuildModel model, String file, AuditOptions options) {
        this.model = model;
        this.file = file;
        this.options = options;
    }

    /** Docker Hub repositories the user trusts although they look like official images. */
    public java.util.Set<String> allowedImages() {
        return options.allowedImages();
    }

    public BuildModel model() {
        return model;
    }

    void use(AuditRule rule) {
        this.current = rule;
    }

    /**
     * The shell script of a RUN (its shell-form body, or its heredoc when the body only opens one), parsed once;
     * null for exec-form RUNs and RUNs after a non-POSIX SHELL.
     */
    public Script script(int index) {
        Instruction at = model.dockerfile().instructions().get(index);
        // ONBUILD RUN runs in the images built FROM this one: its script is read like any RUN's
        Instruction in = at.command().equals("onbuild") && at.trigger() != null ? at.trigger() : at;
        if (!in.command().equals("run")
                || in.json()
                || in.args().isEmpty()
                || !model.dockerfile().posixShellAt(index)) {
            return null;
        }
        return scripts.computeIfAbsent(index, i -> {
            // the line with its heredocs in place, then each heredoc body as a script of its own (RUN <<EOF runs it)
            StringBuilder text = new StringBuilder(in.args().get(0));
            for (var h : at.heredocs()) {
                text.append('\n').append(h.content()).append(h.name());
            }
            Script line = ShellParser.parse(text.append('\n').toString());
            List<dev.vouch.shell.Pipeline> pipelines = new ArrayList<>(line.pipelines());
            List<String> errors = new ArrayList<>(line.errors());
            for (var h : at.heredocs()) {
                Script body = ShellParser.parse(h.content());
                pipelines.addAll(body.pipelines());
                errors.addAll(body.errors());
            }
            return new Script(pipelines, errors);
        });
    }

    /** What the words of a RUN's script can hold (its variables, loops and functions; ARG and ENV); null as for script. */
    ShellValues values(int index) {
        Script script = script(index);
        return script == null ? null : values.computeIfAbsent(index, i -> ShellValues.of(model, i, script));
    }

    /** A value computed once per audit (several rules ask for a stage's downloads and checks). */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, java.util.function.Supplier<T> compute) {
        Object v = memos.get(key);
        if (v == null) {
            v = compute.get();
            memos.put(key, v);
        }
        return (T) v;
    }

    /** Sees a RUN's script. */
    interface RunVisitor {
        void visit(int index, Instruction run, Script script);
    }

    /** Every RUN with a POSIX shell script, in order. */
    void forEachRun(RunVisitor visitor) {
        List<Instruction> all = model.dockerfile().instructions();
        for (int i = 0; i < all.size(); i++) {
            Script script = script(i);
            if (script != null) {
                visitor.visit(i, all.get(i), script);
            }
        }
    }

    /** Reports a finding of the current rule at an instruction. */
    public void report(Instruction at, String message) {
        report(at, message, current.severity());
    }

    /** Reports a finding of the current rule at an instruction, with a severity other than the rule's own. */
    public void report(Instruction at, String message, dev.vouch.report.Severity severity) {
        findings.add(new Finding(current.id(), severity, message, Location.inFile(file, at.startLine(), at.endLine())));
    }

    List<Finding> findings() {
        return findings;
    }
}
