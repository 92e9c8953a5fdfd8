package org.shmalloc.bench.peer;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C library's {@code malloc}/{@code free} (glibc here) through FFM downcalls. Pointers are
 * passed as {@code long} (same ABI as {@code void*} on 64-bit Linux) so that no
 * {@link java.lang.foreign.MemorySegment} is created per call, and the calls are
 * {@link Linker.Option#critical critical} (no thread-state transition): the cost measured is
 * glibc's, plus the smallest downcall overhead FFM offers.
 */
final class NativePeer implements BenchAllocator {

    private static final MethodHandle MALLOC;
    private static final MethodHandle FREE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MALLOC = linker.downcallHandle(libc.find("malloc").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), Linker.Option.critical(false));
        FREE = linker.downcallHandle(libc.find("free").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), Linker.Option.critical(false));
    }

    private static final Caller CALLER = new Caller() {
        @Override
        public long malloc(long size) {
            try {
                return (long) MALLOC.invokeExact(size);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }

        @Override
        public void free(long handle) {
            try {
                FREE.invokeExact(handle);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }
    };

    @Override
    public Caller caller() {
        return CALLER;
    }

    @Override
    public boolean bounded() {
        return false;
    }

    @Override
    public void close() {
    }
}
