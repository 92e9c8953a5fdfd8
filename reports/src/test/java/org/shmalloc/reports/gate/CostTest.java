package org.shmalloc.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CostTest {

    @Test
    void timeUnitsScaleToNanoseconds() {
        assertEquals(25, Cost.toCost(25, "ns/op"), 1e-12);
        assertEquals(2500, Cost.toCost(2.5, "us/op"), 1e-9);
        assertEquals(3e6, Cost.toCost(3, "ms/op"), 1e-3);
        assertEquals(1e9, Cost.toCost(1, "s/op"), 1e-3);
    }

    @Test
    void throughputBecomesTimePerOperation() {
        assertEquals(10, Cost.toCost(100, "ops/us"), 1e-12); // 100 per us = 10 ns each
        assertEquals(10, Cost.toCost(1e8, "ops/s"), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, Cost.toCost(0, "ops/us"));
    }

    @Test
    void aThroughputIntervalTurnsAround() {
        Interval cost = Cost.toCost(80, 125, "ops/us");
        assertEquals(8, cost.lo(), 1e-12);
        assertEquals(12.5, cost.hi(), 1e-12);
        Interval unbounded = Cost.toCost(-5, 50, "ops/us");
        assertEquals(20, unbounded.lo(), 1e-12);
        assertFalse(unbounded.bounded());
    }

    @Test
    void otherUnitsHaveNoCost() {
        assertFalse(Cost.convertible("#"));
        assertFalse(Cost.convertible("B/op"));
        assertFalse(Cost.convertible("MB/sec"));
        assertTrue(Double.isNaN(Cost.toCost(3, "#")));
        assertTrue(Cost.convertible("ops/ms"));
    }
}
