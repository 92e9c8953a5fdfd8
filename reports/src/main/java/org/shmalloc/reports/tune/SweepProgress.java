package org.shmalloc.reports.tune;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The line printed before each candidate: n of m, time spent, and the time left, estimated per
 * candidate and corrected by how far the estimate has been off for the candidates done so far.
 */
final class SweepProgress {

    private final PrintWriter out;
    private final int total;
    private final double estimateEach;
    private final long start = System.nanoTime();
    private int done;

    SweepProgress(PrintWriter out, int total, double estimateEachSeconds) {
        this.out = out;
        this.total = total;
        this.estimateEach = estimateEachSeconds;
    }

    void starting(int index, Candidate c) {
        double elapsed = elapsedSeconds();
        double perCandidate = done > 0 ? elapsed / done : estimateEach;
        out.printf(Locale.ROOT, "[%d/%d] %s, blocks %s | elapsed %s | about %s left%n", index, total, c.pair(),
                c.blockRange(), clock(elapsed), clock(perCandidate * (total - done)));
        out.flush();
    }

    void finished(String summary) {
        done++;
        out.println("        " + summary);
        out.flush();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
