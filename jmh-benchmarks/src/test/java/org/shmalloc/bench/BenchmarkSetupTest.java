package org.shmalloc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Drives the single-threaded benchmarks' setup, operation and teardown directly (no JMH), on small
 * arenas: a setup that builds the wrong situation would make every score of a run meaningless.
 */
class BenchmarkSetupTest {

    @Test
    void failedMallocFindsNoFitInBothShapes() {
        for (String shape : new String[] {"full", "halfFree"}) {
            for (String impl : new String[] {"shm", "locked"}) {
                FailedMallocBench bench = new FailedMallocBench();
                bench.impl = impl;
                bench.config = "5-12";
                bench.arena = "8M";
                bench.shape = shape;
                bench.setUp();
                for (int i = 0; i < 10; i++) {
                    assertEquals(0, bench.failedMalloc());
                }
                bench.tearDown();
            }
        }
    }

    @Test
    void failedMallocRefusesAnUnboundedPeer() {
        FailedMallocBench bench = new FailedMallocBench();
        bench.impl = "native";
        bench.config = "5-12";
        bench.arena = "8M";
        bench.shape = "full";
        assertThrows(IllegalArgumentException.class, bench::setUp);
        bench.tearDown();
    }

    @Test
    void occupancyPairsRunAtEveryLevelAndFill() {
        for (String fill : new String[] {"sequential", "aging"}) {
            for (double level : new double[] {0, 90, 99}) {
                OccupancyBench bench = new OccupancyBench();
                bench.impl = "shm";
                bench.config = "5-10";
                bench.arena = "8M";
                bench.sizes = "uniform";
                bench.level = level;
                bench.fill = fill;
                bench.setUp();
                MallocOutcomes outcomes = new MallocOutcomes();
                for (int i = 0; i < 1000; i++) {
                    bench.pair(outcomes);
                }
                assertEquals(1000, outcomes.mallocs);
                bench.tearDown();
            }
        }
    }

    @Test
    void churnKeepsTheArenaNearItsLevel() {
        ChurnBench bench = new ChurnBench();
        bench.impl = "locked";
        bench.config = "5-10";
        bench.arena = "8M";
        bench.sizes = "uniform";
        bench.level = 50;
        bench.setUp();
        MallocOutcomes outcomes = new MallocOutcomes();
        for (int i = 0; i < 100_000; i++) {
            bench.churn(outcomes);
        }
        assertEquals(0, outcomes.failedMallocs, "no malloc fails at 50%");
        bench.tearDown();
    }

    @Test
    void everyPeerRunsThePair() {
        for (String impl : new String[] {"shm", "locked", "netty", "nettycache", "native", "floor"}) {
            PairBench bench = new PairBench();
            bench.impl = impl;
            bench.config = "3-19";
            bench.arena = "64M";
            bench.sizes = "paths";
            bench.setUp();
            for (int i = 0; i < 10_000; i++) {
                assertNotEquals(0, bench.pair());
            }
            bench.tearDown();
        }
    }
}
