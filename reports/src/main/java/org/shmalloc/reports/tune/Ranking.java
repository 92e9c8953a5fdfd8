package org.shmalloc.reports.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Ranks the measured candidates and recommends one.
 * <pre>
 * score = E / E_best  -  drops x dropped  +  speed x T / T_best
 * </pre>
 * where E is the memory efficiency (user bytes held when a malloc fails after churn / file bytes,
 * {@link MemoryMetrics#efficiency()}), T the throughput, dropped the fraction of requests larger
 * than the largest block, and the bests are taken over the <i>eligible</i> candidates (dropped at
 * most {@code maxDrop}); a candidate whose speed was not measured has T = 0. Only eligible
 * candidates are recommended.
 *
 * <p>The first two terms are deterministic; the third moves with timing noise. So the
 * recommendation starts from the candidate with the best deterministic part, and another
 * replaces it only if its score is higher <i>and</i> it is faster by at least {@code noise} even at
 * the ends of the two JMH confidence intervals (low end of its interval against the high end of
 * the other's), large and certain as the regression gate wants it; of several such, the one with
 * the best deterministic part. When no throughput lead is certain (short
 * measurements on a busy machine: wide intervals), the timings cannot change the recommendation.
 *
 * <p>Bound: a replacement's score beats the memory-best's, so its E is at least
 * {@code 1 - speed} of the best eligible E (96% with the defaults): speed can buy at most that.
 */
public final class Ranking {

    /**
     * One ranked candidate. {@code outscores} marks an eligible candidate whose score is above the
     * recommendation's although it was not chosen: its throughput lead is within the noise.
     */
    public record Row(Measured measured, boolean eligible, double efficiencyRel, double speedRel, double score,
                      boolean outscores, int rank) {

        public Candidate candidate() {
            return measured.candidate();
        }

        /** The deterministic part of the score. */
        double memoryScore(Weights w) {
            return efficiencyRel - w.drops() * measured.memory().dropped();
        }
    }

    private final Weights weights;
    private final List<Row> rows;
    private final Row pick;
    private final boolean speedMeasured;

    private Ranking(Weights weights, List<Row> rows, Row pick, boolean speedMeasured) {
        this.weights = weights;
        this.rows = List.copyOf(rows);
        this.pick = pick;
        this.speedMeasured = speedMeasured;
    }

    public static Ranking of(List<Measured> measured, Weights w) {
        List<Measured> eligible = measured.stream().filter(m -> m.memory().dropped() <= w.maxDrop()).toList();
        List<Measured> base = eligible.isEmpty() ? measured : eligible;
        double bestE = base.stream().mapToDouble(m -> m.memory().efficiency()).max().orElse(Double.NaN);
        double bestT = base.stream().filter(m -> m.speed() != null).mapToDouble(m -> m.speed().pairsPerMicro())
                .max().orElse(Double.NaN);
        boolean speedMeasured = !Double.isNaN(bestT);

        List<Row> scored = new ArrayList<>();
        for (Measured m : measured) {
            double e = m.memory().efficiency() / bestE;
            double t = m.speed() == null || !speedMeasured ? 0 : m.speed().pairsPerMicro() / bestT;
            double score = e - w.drops() * m.memory().dropped() + w.speed() * t;
            scored.add(new Row(m, eligible.contains(m), e, m.speed() == null ? Double.NaN : t, score, false, 0));
        }
        // the deterministic order: memory score, then fewer tree levels, larger min, smaller max
        Comparator<Row> byMemory = Comparator.comparingDouble((Row r) -> r.memoryScore(w))
                .thenComparing(Comparator.comparingInt((Row r) -> r.candidate().maxExponent()
                        - r.candidate().minExponent()).reversed())
                .thenComparingInt(r -> r.candidate().minExponent())
                .thenComparing(Comparator.comparingInt((Row r) -> r.candidate().maxExponent()).reversed());
        Row densest = scored.stream().filter(Row::eligible).max(byMemory).orElse(null);
        Row pick = densest == null ? null : scored.stream()
                .filter(r -> r.eligible() && r.score() > densest.score() && clearlyFaster(r, densest, w))
                .max(byMemory).orElse(densest);

        // the pick first, then the eligible by score, then the others by score
        List<Row> ordered = new ArrayList<>(scored);
        ordered.sort(Comparator.comparing((Row r) -> r != pick)
                .thenComparing(r -> !r.eligible())
                .thenComparing(Comparator.comparingDouble(Row::score).reversed())
                .thenComparing(byMemory.reversed()));
        List<Row> rows = new ArrayList<>();
        Row chosen = null;
        for (int i = 0; i < ordered.size(); i++) {
            Row r = ordered.get(i);
            boolean outscores = pick != null && r != pick && r.eligible() && r.score() > pick.score();
            Row ranked = new Row(r.measured(), r.eligible(), r.efficiencyRel(), r.speedRel(), r.score(), outscores,
                    i + 1);
            rows.add(ranked);
            if (r == pick) {
                chosen = ranked;
            }
        }
        return new Ranking(w, rows, chosen, speedMeasured);
    }

    /**
     * A throughput lead that holds even at the ends of the two confidence intervals, by at least the
     * noise: {@code lo(x) >= (1 + noise) hi(than)}.
     */
    static boolean clearlyFaster(Row x, Row than, Weights w) {
        SpeedMetrics a = x.measured().speed();
        SpeedMetrics b = than.measured().speed();
        if (a == null || b == null || !Double.isFinite(a.error()) || !Double.isFinite(b.error())) {
            return false; // no interval, no certainty
        }
        return a.pairsPerMicro() - a.error() >= (1 + w.noise()) * (b.pairsPerMicro() + b.error());
    }

    /** The rule, in one line, for the terminal and the report. */
    public static String describe(Weights w) {
        return String.format(Locale.ROOT, "score = efficiency/best - %s x dropped + %s x throughput/best; the densest "
                + "config is recommended unless another scores higher and is faster by at least %s even at the ends "
                + "of the confidence intervals; recommendable: dropped <= %s", plain(w.drops()), plain(w.speed()),
                percent(w.noise()), percent(w.maxDrop()));
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Every candidate, the recommendation first. */
    public List<Row> rows() {
        return rows;
    }

    /** The recommendation, or null if no candidate is eligible. */
    public Row pick() {
        return pick;
    }

    public Weights weights() {
        return weights;
    }

    public boolean speedMeasured() {
        return speedMeasured;
    }

    /** The eligible candidate with the highest efficiency. */
    public Row densest() {
        return rows.stream().filter(Row::eligible)
                .max(Comparator.comparingDouble((Row r) -> r.measured().memory().efficiency())).orElse(null);
    }

    /** The eligible candidate with the highest measured throughput. */
    public Row fastest() {
        return rows.stream().filter(r -> r.eligible() && r.measured().speed() != null)
                .max(Comparator.comparingDouble((Row r) -> r.measured().speed().pairsPerMicro())).orElse(null);
    }

    /** The recommendation and its trade-off, in one sentence. */
    public String why() {
        if (pick == null) {
            return "No config is recommended: every candidate drops more than "
                    + percent(weights.maxDrop()) + " of the requests (allow more with --max-drop, or sweep larger "
                    + "maxExponents).";
        }
        Row d = densest();
        Row f = fastest();
        MemoryMetrics pm = pick.measured().memory();
        String p = pick.candidate().pair();
        String drops = pm.dropped() > 0 ? "; it drops " + percent(pm.dropped()) + " of the requests (larger than "
                + Bytes.binary(1L << pick.candidate().maxExponent()) + ")" : "";
        if (!speedMeasured) {
            return p + " holds the most data: " + percent(pm.efficiency())
                    + " of its file when a malloc fails (speed not measured)" + drops + ".";
        }
        String pe = percent(pm.efficiency());
        if (pick.measured().speed() == null || d.measured().speed() == null) {
            Row unmeasured = pick.measured().speed() == null ? pick : d;
            return p + " holds " + pe + " of its file as data when a malloc fails, "
                    + (d == pick ? "the most" : points(d, pick) + " less than " + d.candidate().pair()) + "; the speed of "
                    + unmeasured.candidate().pair() + " could not be measured" + drops + ".";
        }
        if (d == pick && f == pick) {
            return p + " is both the densest (" + pe + " of its file holds data when a malloc fails) and the "
                    + "fastest (" + throughput(pick) + ")" + drops + ".";
        }
        if (d == pick) {
            double ratio = ratio(f, pick);
            String against = clearlyFaster(f, pick, weights)
                    ? "is " + times(ratio) + " as fast, but at " + points(d, f) + " less data, more than the speed "
                            + "weight (" + weights.speed() + ") pays for"
                    : "is " + times(ratio) + " as fast by the point estimates, a lead the confidence intervals "
                            + "do not confirm (by " + percent(weights.noise()) + " beyond their ends)";
            return p + " holds the most data (" + pe + " of its file when a malloc fails); the fastest, "
                    + f.candidate().pair() + ", " + against + drops + ".";
        }
        return p + " runs " + times(ratio(pick, d)) + " the throughput of the densest config, " + d.candidate().pair()
                + " (beyond the confidence intervals), for " + points(d, pick) + " less data (" + pe + " vs "
                + percent(d.measured().memory().efficiency()) + " of the file)" + drops + ".";
    }

    private static double ratio(Row a, Row b) {
        if (a.measured().speed() == null || b.measured().speed() == null) {
            return Double.NaN;
        }
        return a.measured().speed().pairsPerMicro() / b.measured().speed().pairsPerMicro();
    }

    private static String throughput(Row r) {
        return String.format(Locale.ROOT, "%.3g pairs/µs", r.measured().speed().pairsPerMicro());
    }

    private static String points(Row more, Row less) {
        double gap = 100 * (more.measured().memory().efficiency() - less.measured().memory().efficiency());
        return String.format(Locale.ROOT, Math.abs(gap) < 1 ? "%.2f points" : "%.1f points", gap);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    /** A fraction as a percentage, {@code 71.2%} (three decimals below 0.1%). */
    public static String percent(double fraction) {
        double p = 100 * fraction;
        return String.format(Locale.ROOT, p != 0 && Math.abs(p) < 0.1 ? "%.3f%%" : "%.1f%%", p);
    }
}
