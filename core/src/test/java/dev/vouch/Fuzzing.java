package dev.vouch;

import dev.vouch.error.VouchException;
import java.io.IOException;

/**
 * The property every fuzz target checks: reading hostile input returns a result or fails with one of the project's
 * declared input errors ({@link VouchException} and its kinds, {@link IOException}); anything else (a
 * NullPointerException, an index out of bounds, a stack overflow, an unchecked parser exception) escapes and is a
 * finding. Jazzer runs each target's regression inputs as ordinary tests in {@code mvn verify} and fuzzes it with
 * {@code JAZZER_FUZZ=1} ({@code scripts/fuzz.sh}).
 */
public final class Fuzzing {
    private Fuzzing() {}

    /** A read of hostile input. */
    @FunctionalInterface
    public interface Read {
        void run() throws Exception;
    }

    /**
     * Runs the read; a declared input error (the project's, or a checked exception the entry point declares, such
     * as TufFailure) is an answer, anything else is rethrown as a finding.
     */
    public static void declared(Read read) {
        try {
            read.run();
        } catch (VouchException | IOException answered) {
            // a one-line refusal is what hostile input should get
        } catch (RuntimeException | Error finding) {
            throw finding;
        } catch (Exception checkedAndDeclared) {
            // the entry point's own declared failure (TufFailure, NotationFailure, XMLStreamException...)
        }
    }
}
