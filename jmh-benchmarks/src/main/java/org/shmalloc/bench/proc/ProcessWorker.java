package org.shmalloc.bench.proc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.shmalloc.bench.peer.BenchAllocator;
import org.shmalloc.bench.peer.BenchAllocator.Caller;
import org.shmalloc.bench.peer.Impl;
import org.shmalloc.bench.workload.ArenaParams;
import org.shmalloc.bench.workload.SizeMix;
import org.shmalloc.bench.workload.HeldAllocations;
import org.shmalloc.bench.workload.SpscRing;

/**
 * One worker process of {@link ProcessBench}: attaches to the shared arena file, says
 * {@code READY}, waits for {@code GO} on standard input, then runs timed iterations of its role
 * and reports on standard output, one line each:
 * <pre>
 * ITER W|M calls nanos      (a warmup or measurement iteration: allocator calls made, its length)
 * HIST base64               (the measurement iterations' latency histogram, nanoseconds, compressed)
 * DONE
 * </pre>
 * Roles: {@code pair} (malloc then free, thread-private), {@code producer} (malloc, hand the
 * offset to the consumer process through a ring in a shared file), {@code consumer} (take offsets
 * from the ring and free them). Every call's latency goes to an HdrHistogram {@link Recorder}
 * (one timestamp per call: each call ends where the next begins).
 *
 * <p>Arguments: impl file ringFile role index config arena sizes warmupIterations iterations iterationMillis held
 */
public final class ProcessWorker {

    static final int RING = 1024;

    private ProcessWorker() {
    }

    public static void main(String[] args) throws Exception {
        Impl impl = Impl.of(args[0]);
        Path file = Path.of(args[1]);
        Path ringFile = args[2].equals("-") ? null : Path.of(args[2]);
        String role = args[3];
        int index = Integer.parseInt(args[4]);
        ArenaParams arena = ArenaParams.of(args[5], args[6]);
        int[] sizes = SizeMix.table(args[7], arena, 1000 + index);
        int warmups = Integer.parseInt(args[8]);
        int iterations = Integer.parseInt(args[9]);
        long iterationNanos = Long.parseLong(args[10]) * 1_000_000L;
        int held = Integer.parseInt(args[11]);

        try (BenchAllocator allocator = impl.attach(file, index);
             Arena shared = Arena.ofShared()) {
            Caller caller = allocator.caller();
            SpscRing ring = ringFile == null ? null : new SpscRing(map(ringFile, shared), RING);
            Loop loop = switch (role) {
                case "pair" -> new Loop.Pair(caller, sizes);
                case "producer" -> new Loop.Producer(caller, sizes, ring);
                case "consumer" -> new Loop.Consumer(caller, ring, new HeldAllocations(held));
                default -> throw new IllegalArgumentException("unknown role " + role);
            };
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String go = in.readLine();
            if (!"GO".equals(go)) {
                throw new IllegalStateException("expected GO, got " + go);
            }
            Recorder recorder = new Recorder(3);
            Histogram measured = new Histogram(3);
            Histogram interval = null;
            for (int i = 0; i < warmups + iterations; i++) {
                long start = System.nanoTime();
                long calls = loop.run(recorder, start + iterationNanos);
                long elapsed = System.nanoTime() - start;
                interval = recorder.getIntervalHistogram(interval);
                boolean measurement = i >= warmups;
                if (measurement) {
                    measured.add(interval);
                }
                System.out.println("ITER " + (measurement ? "M" : "W") + " " + calls + " " + elapsed);
                System.out.flush();
            }
            loop.finish();
            ByteBuffer buffer = ByteBuffer.allocate(measured.getNeededByteBufferCapacity());
            int length = measured.encodeIntoCompressedByteBuffer(buffer);
            System.out.println("HIST " + Base64.getEncoder().encodeToString(
                    java.util.Arrays.copyOf(buffer.array(), length)));
            System.out.println("DONE");
            System.out.flush();
        }
    }

    private static MemorySegment map(Path file, Arena arena) throws java.io.IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size(), arena);
        }
    }

    /** What a worker repeats until its iteration's deadline; returns the allocator calls made. */
    sealed interface Loop {
        long run(Recorder recorder, long deadline);

        /** After the last iteration: release what the loop still holds. */
        default void finish() {
        }

        record Pair(Caller caller, int[] sizes) implements Loop {
            @Override
            public long run(Recorder recorder, long deadline) {
                long calls = 0;
                int next = 0;
                long t = System.nanoTime();
                while (t < deadline) {
                    int size = sizes[next++ & (SizeMix.TABLE - 1)];
                    long handle = caller.malloc(size);
                    if (handle == 0) {
                        throw new IllegalStateException("malloc(" + size + ") failed in an almost empty arena");
                    }
                    caller.free(handle);
                    long now = System.nanoTime();
                    recorder.recordValue(now - t);
                    t = now;
                    calls += 2;
                }
                return calls;
            }
        }

        record Producer(Caller caller, int[] sizes, SpscRing ring) implements Loop {
            @Override
            public long run(Recorder recorder, long deadline) {
                long calls = 0;
                int next = 0;
                long t = System.nanoTime();
                while (t < deadline) {
                    int size = sizes[next++ & (SizeMix.TABLE - 1)];
                    long handle = caller.malloc(size);
                    if (handle == 0) {
                        throw new IllegalStateException("malloc(" + size + ") failed in an almost empty arena");
                    }
                    long now = System.nanoTime();
                    recorder.recordValue(now - t);
                    calls++;
                    for (int spins = 0; !ring.offer(handle); spins++) {
                        now = System.nanoTime();
                        if (now >= deadline) {
                            caller.free(handle);
                            return calls;
                        }
                        backOff(spins);
                    }
                    t = System.nanoTime();
                }
                return calls;
            }
        }

        record Consumer(Caller caller, SpscRing ring, HeldAllocations held) implements Loop {
            @Override
            public long run(Recorder recorder, long deadline) {
                long calls = 0;
                while (true) {
                    long handle;
                    for (int spins = 0; (handle = ring.poll()) == 0; spins++) {
                        if (System.nanoTime() >= deadline) {
                            return calls;
                        }
                        backOff(spins);
                    }
                    long due = held.hold(handle);
                    if (due != 0) {
                        long t = System.nanoTime();
                        caller.free(due);
                        recorder.recordValue(System.nanoTime() - t);
                        calls++;
                    }
                }
            }

            @Override
            public void finish() {
                for (long handle; (handle = ring.poll()) != 0; ) {
                    caller.free(handle);
                }
                for (long handle; (handle = held.takeOldest()) != 0; ) {
                    caller.free(handle);
                }
            }
        }

        private static void backOff(int spins) {
            if (spins < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}
