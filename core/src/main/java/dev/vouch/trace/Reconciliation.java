package dev.vouch.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.audit.BuildModel;
import dev.vouch.audit.Stage;
import dev.vouch.dockerfile.Instruction;
import java.util.List;

/**
 * How an image's history lines up with the Dockerfile said to have built it.
 *
 * @param status VERIFIED (every entry after the base explained, every instruction found, the config agrees),
 *     MISMATCH, or UNVERIFIABLE (no history, a squashed image: {@link #reason})
 * @param target the stage compared (the last one unless {@code --target} named another)
 * @param entries every history entry: the base's, matched to a Dockerfile line, or unexplained
 * @param instructions every instruction of the target stage and the stages it is built on: found or missing
 * @param config the config facts the Dockerfile sets, against the image's config
 * @param layers for each layer a Dockerfile line made: the layer index and the line
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reconciliation(
        TraceStatus status,
        String reason,
        String target,
        List<Entry> entries,
        List<InstructionState> instructions,
        List<ConfigFact> config,
        List<LayerLine> layers) {

    public Reconciliation {
        entries = List.copyOf(entries);
        instructions = List.copyOf(instructions);
        config = List.copyOf(config);
        layers = List.copyOf(layers);
    }

    /** What one history entry is. */
    public enum EntryState {
        BASE,
        MATCHED,
        UNEXPLAINED
    }

    /**
     * One history entry.
     *
     * @param layer the layer it made, null for an empty-layer entry
     * @param line the Dockerfile line it was matched to (MATCHED only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(int index, String createdBy, Integer layer, EntryState state, Integer line) {}

    /** One instruction: where it is in the Dockerfile and the history entry that recorded it (null: missing). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstructionState(
            int line, String keyword, String text, boolean makesLayer, boolean optional, Integer historyEntry) {
        public boolean found() {
            return historyEntry != null;
        }
    }

    /** A config value the Dockerfile sets and what the image's config holds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConfigFact(String name, String dockerfile, String image, boolean agrees, int line) {}

    /** The Dockerfile line that made a layer. */
    public record LayerLine(int layer, int line, String instruction) {}

    /** The stages an image of {@code target} is made of, the first (built on an image) first. */
    static List<Stage> chain(BuildModel model, Stage target) {
        java.util.ArrayDeque<Stage> out = new java.util.ArrayDeque<>();
        for (Stage s = target;
                s != null;
                s = s.baseStage() >= 0 ? model.stages().get(s.baseStage()) : null) {
            out.addFirst(s);
            if (out.size() > model.stages().size()) {
                break; // a stage cannot be its own ancestor; the model never builds one, but stay bounded
            }
        }
        return List.copyOf(out);
    }

    /** The Dockerfile line number of an instruction, for messages. */
    static int line(Instruction in) {
        return in.startLine();
    }
}
