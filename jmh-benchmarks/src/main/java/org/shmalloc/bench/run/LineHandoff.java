package org.shmalloc.bench.run;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a cache line takes to move from one core to another: two threads take turns
 * incrementing one shared word, so every turn moves the word's line to the other core. On a shared
 * virtual machine this is a property of where the host runs the virtual cores at the moment, and
 * it can change between runs (on the project's 2-core machines: about 25-35 ns at some times,
 * 205-215 ns at others). Every cross-thread and cross-process benchmark follows it, since freeing
 * another thread's allocation moves at least one line; so a run records it at its start and its
 * end ({@code env.json}), to tell which of the two a run's cross-thread scores saw.
 */
final class LineHandoff {

    private static final int ROUNDS = 5;
    private static final long TURNS = 100_000;
    /** A round that takes longer (the two threads share one core) stops and reports what it did. */
    private static final long ROUND_LIMIT_NANOS = 200_000_000L;

    private LineHandoff() {
    }

    /** Nanoseconds per one-way handoff: the median of a few short rounds after one to warm up; -1 on one core. */
    static double measureNanos() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return -1;
        }
        round();
        double[] rounds = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            rounds[r] = round();
        }
        Arrays.sort(rounds);
        return rounds[ROUNDS / 2];
    }

    /** One round: this thread takes the even turns, another the odd ones. */
    private static double round() {
        AtomicLong word = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread partner = new Thread(() -> {
            for (long turn = 1; turn < TURNS; turn += 2) {
                while (word.get() != turn) {
                    if (stop.get()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
                word.set(turn + 1);
            }
        }, "line-handoff");
        partner.setDaemon(true);
        partner.start();
        long start = System.nanoTime();
        long turns = 0;
        outer:
        for (long turn = 0; turn < TURNS; turn += 2) {
            for (int spins = 1; word.get() != turn; spins++) {
                // the clock is read now and then only: reading it costs about as much as a fast handoff
                if ((spins & 1023) == 0 && System.nanoTime() - start > ROUND_LIMIT_NANOS) {
                    stop.set(true);
                    break outer;
                }
                Thread.onSpinWait();
            }
            word.set(turn + 1);
            turns = turn + 1;
        }
        double nanos = (System.nanoTime() - start) / (double) Math.max(1, turns);
        stop.set(true);
        try {
            partner.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return nanos;
    }
}
