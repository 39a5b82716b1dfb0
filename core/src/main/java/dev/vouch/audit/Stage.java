package dev.vouch.audit;

import dev.vouch.dockerfile.Instruction;
import java.util.List;

/**
 * One build stage: from its FROM to the next.
 *
 * @param index its position, 0 first
 * @param name its {@code AS} name in lower case, or null
 * @param image the base image as written after ARG expansion ({@code golang:1.23}, {@code build}, {@code scratch})
 * @param imageResolved whether every variable in the image name was known
 * @param baseStage the index of an earlier stage it is built on, or -1 for an image
 * @param from the FROM instruction
 * @param instructions its instructions after the FROM, with their indexes in the Dockerfile
 */
public record Stage(
        int index,
        String name,
        String image,
        boolean imageResolved,
        int baseStage,
        Instruction from,
        List<Indexed> instructions) {

    /** An instruction and its index in the whole Dockerfile. */
    public record Indexed(int index, Instruction instruction) {}

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** Whether the base is {@code scratch} (no image at all). */
    public boolean scratch() {
        return image.equalsIgnoreCase("scratch");
    }

    /** How the stage is named in messages: {@code stage 1 (build)}. */
    public String label() {
        return "stage " + index + (name == null ? "" : " (" + name + ")");
    }
}
