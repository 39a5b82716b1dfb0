package dev.vouch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The fuzzing property tells an answer from a finding. */
class FuzzingTest {
    @Test
    void aDeclaredRefusalIsAnAnswer() {
        assertThatCode(() -> Fuzzing.declared(() -> {
                    throw new InvalidInputException("layer 0: bad");
                }))
                .doesNotThrowAnyException();
        assertThatCode(() -> Fuzzing.declared(() -> {
                    throw new java.io.EOFException("short");
                }))
                .doesNotThrowAnyException();
    }

    @Test
    void anUncheckedExceptionIsAFinding() {
        assertThatThrownBy(() -> Fuzzing.declared(() -> {
                    Object o = null;
                    o.hashCode();
                }))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aReadThatAllocatesPastTheBoundIsAFinding() {
        assertThatThrownBy(() -> Fuzzing.declared(() -> {
                    long sum = 0;
                    for (int i = 0; i < 10; i++) {
                        sum += new byte[64 << 20].length;
                    }
                    if (sum == 0) {
                        throw new IllegalStateException();
                    }
                }))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("one input allocated ")
                .hasMessageEndingWith("MiB on this thread (bound 512 MiB)");
    }
}
