/**
 * A lock-free allocator of blocks in a file that several processes map at once.
 * {@link org.shmalloc.ShmAllocator} is the entry point; {@code org.shmalloc.internal} holds the
 * algorithm and its word store, exported for the project's own test and benchmark modules only
 * by convention: it is not a stable API.
 */
module org.shmalloc.core {
    exports org.shmalloc;
    exports org.shmalloc.internal;
}
