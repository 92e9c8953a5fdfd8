package org.shmalloc.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;

class SpscRingTest {

    @Test
    void fifoFullAndEmpty() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(SpscRing.bytesFor(4), 256);
            SpscRing producer = new SpscRing(memory, 4);
            SpscRing consumer = new SpscRing(memory, 4);
            assertEquals(0, consumer.poll());
            for (long v = 1; v <= 4; v++) {
                assertTrue(producer.offer(v));
            }
            assertFalse(producer.offer(5), "full at capacity");
            assertEquals(1, consumer.poll());
            assertTrue(producer.offer(5));
            for (long v = 2; v <= 5; v++) {
                assertEquals(v, consumer.poll());
            }
            assertEquals(0, consumer.poll());
        }
    }

    @Test
    void handsOverEveryValueInOrderBetweenThreads() throws Exception {
        int count = 2_000_000;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment memory = arena.allocate(SpscRing.bytesFor(64), 256);
            SpscRing producer = new SpscRing(memory, 64);
            SpscRing consumer = new SpscRing(memory, 64);
            Thread thread = Thread.ofPlatform().start(() -> {
                for (long v = 1; v <= count; v++) {
                    while (!producer.offer(v)) {
                        Thread.onSpinWait();
                    }
                }
            });
            for (long expected = 1; expected <= count; expected++) {
                long v;
                while ((v = consumer.poll()) == 0) {
                    Thread.onSpinWait();
                }
                if (v != expected) {
                    assertEquals(expected, v, "out of order or lost");
                }
            }
            thread.join();
            assertEquals(0, consumer.poll());
        }
    }
}
