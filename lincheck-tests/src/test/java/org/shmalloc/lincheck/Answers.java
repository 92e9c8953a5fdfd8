package org.shmalloc.lincheck;

import java.util.Map;

/**
 * What each operation of the execution being verified answered, by operation id ({@link OpIdGen}).
 *
 * <p>Why: an allocator chooses. {@code malloc} may return any free block of the class, and
 * {@code free(k)} frees whichever block the k-th ledger entry names. A sequential specification
 * must be deterministic, so the model does not choose; it <em>checks</em> the choice the real run
 * made: {@link AnswerReplayingVerifier} publishes the real answers here before Lincheck replays
 * candidate linearizations on the model, and each model operation reads its own answer, decides
 * whether that answer is legal in the model's current state, and returns it if so (else an
 * {@link Illegal}, which never equals a real answer).
 *
 * <p>Written and read only by the thread that runs Lincheck's verification.
 */
final class Answers {

    private static volatile Map<Integer, Object> current = Map.of();

    private Answers() {
    }

    static void publish(Map<Integer, Object> answers) {
        current = Map.copyOf(answers);
    }

    /** The real run's answer of operation {@code id}, or null if it gave none (it threw). */
    static Object of(int id) {
        return current.get(id);
    }
}
