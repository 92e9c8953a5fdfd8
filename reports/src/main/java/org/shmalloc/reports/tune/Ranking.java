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
 * {@link MemoryMetrics#efficiency()}), T the
 * throughput, dropped the fraction of requests larger than the largest block, and the bests are
 * taken over the <i>eligible</i> candidates (dropped at most {@code maxDrop}); a candidate whose
 * speed was not measured has T = 0. Only eligible candidates are recommended.
 *
 * <p>The first two terms are deterministic; the third moves with timing noise. So the
 * recommendation is not simply the top score: every eligible candidate within
 * {@code speed x noise} of the top score is tied with it (a throughput difference of
 * {@code noise} or less could be noise), and among the tied the one with the best deterministic
 * part wins (then: fewer tree levels, larger min, smaller max). Two runs on the same input can only
 * disagree if a candidate's throughput moves across that margin between them.
 *
 * <p>Bound: the recommendation's E is at least {@code (1 - speed x (1 + noise))} of the best
 * eligible E (with the defaults, 95.4%): speed can buy at most that much memory.
 */
public final class Ranking {

    /** One ranked candidate. {@code score} and the relative terms are NaN for none. */
    public record Row(Measured measured, boolean eligible, double efficiencyRel, double speedRel, double score,
                      boolean tied, int rank) {

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
        double top = scored.stream().filter(Row::eligible).mapToDouble(Row::score).max().orElse(Double.NaN);
        double margin = speedMeasured ? w.noiseMargin() : 0; // without speed the score is all deterministic
        Comparator<Row> byMemory = Comparator.comparingDouble((Row r) -> r.memoryScore(w))
                .thenComparing(Comparator.comparingInt((Row r) -> r.candidate().maxExponent()
                        - r.candidate().minExponent()).reversed())
                .thenComparingInt(r -> r.candidate().minExponent())
                .thenComparing(Comparator.comparingInt((Row r) -> r.candidate().maxExponent()).reversed());
        Row pick = scored.stream()
                .filter(r -> r.eligible() && r.score() >= top - margin)
                .max(byMemory).orElse(null);

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
            boolean tied = r.eligible() && r.score() >= top - margin;
            Row ranked = new Row(r.measured(), r.eligible(), r.efficiencyRel(), r.speedRel(), r.score(), tied, i + 1);
            rows.add(ranked);
            if (pick != null && r.measured() == pick.measured()) {
                chosen = ranked;
            }
        }
        return new Ranking(w, rows, chosen, speedMeasured);
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
            String gap = points(d, f);
            String against = ratio <= 1 + weights.noise()
                    ? "is only " + percentOver(ratio) + " faster, within the " + percent(weights.noise())
                            + " timing noise"
                    : "is " + times(ratio) + " as fast, but at " + gap + " less data that the speed weight ("
                            + weights.speed() + ") does not pay for";
            return p + " holds the most data (" + pe + " of its file when a malloc fails); the fastest, "
                    + f.candidate().pair() + ", " + against + drops + ".";
        }
        return p + " runs " + times(ratio(pick, d)) + " the throughput of the densest config, " + d.candidate().pair()
                + ", for " + points(d, pick) + " less data (" + pe + " vs "
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
        return String.format(Locale.ROOT, "%.1f points", gap);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static String percentOver(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * (ratio - 1));
    }

    /** A fraction as a percentage, {@code 71.2%} (three decimals below 0.1%). */
    public static String percent(double fraction) {
        double p = 100 * fraction;
        return String.format(Locale.ROOT, p != 0 && Math.abs(p) < 0.1 ? "%.3f%%" : "%.1f%%", p);
    }
}
