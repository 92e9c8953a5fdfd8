package org.shmalloc;

import java.lang.foreign.ValueLayout;

/** Spawned by {@link OpenAttachTest}: openFromEnv(), one allocation stamped, its offset printed. */
public final class OpenFromEnvChild {

    static final long STAMP = 0x0E0E_0E0E_0E0E_0E0EL;

    private OpenFromEnvChild() {
    }

    public static void main(String[] args) throws Exception {
        try (ShmAllocator allocator = ShmAllocator.openFromEnv()) {
            long offset = allocator.malloc(50);
            allocator.segment(offset).set(ValueLayout.JAVA_LONG, 0, STAMP);
            System.out.println("OFFSET " + offset);
        }
    }
}
