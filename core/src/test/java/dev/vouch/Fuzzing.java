package dev.vouch;

import dev.vouch.error.VouchException;
import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * The property every fuzz target checks: reading hostile input returns a result or fails with one of the project's
 * declared input errors ({@link VouchException} and its kinds, {@link IOException}), within a time and allocation
 * bound per input; anything else (a NullPointerException, an index out of bounds, a stack overflow, an unchecked
 * parser exception, a read that takes seconds or allocates hundreds of megabytes for a small input) is a finding.
 * Jazzer runs each target's regression inputs as ordinary tests in {@code mvn verify} and fuzzes it with
 * {@code JAZZER_FUZZ=1} ({@code scripts/fuzz.sh}).
 */
public final class Fuzzing {
    /** Wall time one input may take; generous, so a loaded CI machine does not fail a regression input. */
    static final long MAX_NANOS = 10_000_000_000L;

    /** Bytes one input may allocate in total (not live): fuzz inputs are kilobytes, so this is a blow-up. */
    static final long MAX_ALLOCATED = 512L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Fuzzing() {}

    /** A read of hostile input. */
    @FunctionalInterface
    public interface Read {
        void run() throws Exception;
    }

    /**
     * Runs the read; a declared input error (the project's, or a checked exception the entry point declares, such
     * as TufFailure) is an answer, anything else is rethrown as a finding, and so is a read past the bounds.
     */
    public static void declared(Read read) {
        long thread = Thread.currentThread().getId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        try {
            read.run();
        } catch (VouchException | IOException answered) {
            // a one-line refusal is what hostile input should get
        } catch (RuntimeException | Error finding) {
            throw finding;
        } catch (Exception checkedAndDeclared) {
            // the entry point's own declared failure (TufFailure, NotationFailure, XMLStreamException...)
        }
        long nanos = System.nanoTime() - start;
        long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
        if (nanos > MAX_NANOS) {
            throw new AssertionError(
                    "one input took " + nanos / 1_000_000 + " ms (bound " + MAX_NANOS / 1_000_000 + " ms)");
        }
        if (allocated > MAX_ALLOCATED) {
            throw new AssertionError("one input allocated " + (allocated >> 20) + " MiB on this thread (bound "
                    + (MAX_ALLOCATED >> 20) + " MiB)");
        }
    }
}
