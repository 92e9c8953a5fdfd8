package org.shmalloc.reports.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The distribution arithmetic and the replayed sequences; the synthetic mixes as the README describes them. */
class WorkloadTest {

    private static Workload histogram(Map<Long, Double> weights) {
        return Workload.histogram("h", "h", new TreeMap<>(weights));
    }

    @Test
    void quantilesFractionsAndMean() {
        Workload w = histogram(Map.of(10L, 1.0, 20L, 2.0, 40L, 1.0));
        assertEquals(10, w.quantile(0.25));
        assertEquals(20, w.quantile(0.26));
        assertEquals(20, w.quantile(0.75));
        assertEquals(40, w.quantile(0.76));
        assertEquals(40, w.quantile(1.0));
        assertEquals(0.25, w.fractionAbove(20), 1e-12);
        assertEquals(0.75, w.fractionAbove(19), 1e-12);
        assertEquals(1.0, w.fractionAbove(9), 1e-12);
        assertEquals(0.0, w.fractionAbove(40), 1e-12);
        assertEquals(22.5, w.meanSize(), 1e-12);
    }

    @Test
    void aHistogramIsSampledInProportionAndTheSameForTheSameSeed() {
        Workload w = histogram(Map.of(10L, 1.0, 20L, 3.0));
        Workload.RequestStream a = w.requests(7);
        Workload.RequestStream b = w.requests(7);
        int tens = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            long size = a.next();
            assertEquals(size, b.next());
            tens += size == 10 ? 1 : 0;
        }
        assertEquals(0.25, tens / (double) n, 0.005);
        Workload.RequestStream other = w.requests(8);
        boolean differs = false;
        Workload.RequestStream again = w.requests(7);
        for (int i = 0; i < 100 && !differs; i++) {
            differs = other.next() != again.next();
        }
        assertTrue(differs, "another seed, another sequence");
    }

    @Test
    void theMixesAreWhatTheyClaim() {
        Workload uniform = SyntheticMix.UNIFORM.workload();
        assertEquals(1, uniform.smallest());
        assertEquals(4096, uniform.largest());
        assertEquals(0.5, uniform.fractionAbove(2048), 1e-9);

        Workload paths = SyntheticMix.PATHS.workload();
        assertEquals(32, paths.smallest());
        assertEquals(4095, paths.largest());
        assertEquals(0.15, paths.fractionAbove(256), 1e-9, "85% are 32..256 bytes");
        assertEquals(1.0, paths.requestCount(), 1e-9);
        // log-uniform tail: as many requests in 257..1024 as in 1025..4095 (both a factor of ~4)
        assertEquals(paths.fractionAbove(256) - paths.fractionAbove(1024), paths.fractionAbove(1024), 0.002);

        Workload bimodal = SyntheticMix.BIMODAL.workload();
        assertEquals(16, bimodal.smallest());
        assertEquals(8192, bimodal.largest());
        assertEquals(0.30, bimodal.fractionAbove(64), 1e-9);
        assertEquals(0.30, bimodal.fractionAbove(2047), 1e-9);

        assertEquals(SyntheticMix.PATHS, SyntheticMix.named(" Paths "));
        assertThrows(IllegalArgumentException.class, () -> SyntheticMix.named("zipf"));
    }

    @Test
    void bytesAndExponents() {
        assertEquals(64L << 20, Bytes.parse("64M"));
        assertEquals(64L << 20, Bytes.parse("64MiB"));
        assertEquals(1L << 30, Bytes.parse("1g"));
        assertEquals(4096, Bytes.parse("4096"));
        assertThrows(IllegalArgumentException.class, () -> Bytes.parse("lots"));
        assertThrows(IllegalArgumentException.class, () -> Bytes.parse("0"));
        assertEquals("4 KiB", Bytes.binary(4096));
        assertEquals("1.5 KiB", Bytes.binary(1536));
        assertEquals(0, Bytes.exponentOf(1));
        assertEquals(12, Bytes.exponentOf(4096));
        assertEquals(13, Bytes.exponentOf(4097));
        assertEquals(new ExponentRange(3, 7), ExponentRange.parse("3..7"));
        assertEquals(new ExponentRange(12, 12), ExponentRange.parse("12"));
        assertThrows(IllegalArgumentException.class, () -> ExponentRange.parse("7..3"));
        assertThrows(IllegalArgumentException.class, () -> ExponentRange.parse("3-7"));
    }
}
