package org.shmalloc.bench.peer;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns objects (Netty's buffers) into the {@code long} handles the benchmarks pass around: a
 * handle is an index into one array. Free indices are kept per caller, in a {@link Slots} stack
 * that trades whole batches with the other callers through a lock-free queue, so that a caller
 * that only frees (cross-thread frees) does not hoard them. Cost per call: a few array accesses,
 * no contended write except once per {@link #BATCH} calls.
 *
 * <p>A handle's slot is written by the caller that allocated it and read and cleared by the one
 * that frees it; the benchmark's hand-over of the handle (a queue, a volatile array) orders the two.
 */
final class HandleTable<T> {

    static final int BATCH = 256;

    private final Object[] table;
    private final AtomicInteger nextFresh = new AtomicInteger(1); // handle 0 means "none"
    private final ConcurrentLinkedQueue<int[]> spareBatches = new ConcurrentLinkedQueue<>();

    HandleTable(long capacity) {
        this.table = new Object[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * BATCH + 1, capacity + 4L * BATCH))];
    }

    /** One caller's free indices. */
    final class Slots {
        private int[] stack = new int[2 * BATCH];
        private int size;

        long put(T value) {
            if (size == 0) {
                refill();
            }
            int index = stack[--size];
            table[index] = value;
            return index;
        }

        @SuppressWarnings("unchecked")
        T take(long handle) {
            int index = (int) handle;
            T value = (T) table[index];
            table[index] = null;
            if (size == stack.length) {
                int[] batch = new int[BATCH];
                size -= BATCH;
                System.arraycopy(stack, size, batch, 0, BATCH);
                spareBatches.add(batch);
            }
            stack[size++] = index;
            return value;
        }

        private void refill() {
            int[] batch = spareBatches.poll();
            if (batch == null) {
                int first = nextFresh.getAndAdd(BATCH);
                if (first + BATCH > table.length) {
                    throw new IllegalStateException("handle table full: more than " + table.length + " live handles");
                }
                batch = new int[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    batch[i] = first + i;
                }
            }
            System.arraycopy(batch, 0, stack, 0, BATCH);
            size = BATCH;
        }
    }
}
