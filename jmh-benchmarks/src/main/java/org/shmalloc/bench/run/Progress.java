package org.shmalloc.bench.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line printed before each run: which one, n of m, time spent, and the time left,
 * estimated from the plan and corrected by how far the estimate has been off so far.
 */
public final class Progress {

    private final PrintStream out;
    private final int total;
    private final double estimatedTotal;
    private final long start = System.nanoTime();
    private double estimatedDone;
    private double estimatedCurrent;

    Progress(PrintStream out, int total, double estimatedTotalSeconds) {
        this.out = out;
        this.total = total;
        this.estimatedTotal = estimatedTotalSeconds;
    }

    public void starting(int index, String what, double estimateSeconds) {
        estimatedCurrent = estimateSeconds;
        double elapsed = elapsedSeconds();
        double drift = estimatedDone > 0 ? elapsed / estimatedDone : 1.0;
        double left = (estimatedTotal - estimatedDone) * drift;
        out.printf(Locale.ROOT, "%n### [%d/%d] %s | elapsed %s | about %s left%n", index, total, what,
                clock(elapsed), clock(left));
        out.flush();
    }

    public void finished() {
        estimatedDone += estimatedCurrent;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
