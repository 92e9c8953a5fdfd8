package org.shmalloc.bench.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Netty's {@link PooledByteBufAllocator} with its default settings, direct buffers (and,
 * as {@code nettycache}, the same with a thread cache for every thread). A malloc is
 * {@code directBuffer(size, size)}, a free is {@code release()}; the buffer is kept in a
 * {@link HandleTable} so that it travels as a {@code long} handle like the others' offsets (a few
 * ns of bookkeeping that the other peers do not pay). Netty never fails a malloc: past its pools
 * it allocates from the OS.
 */
final class NettyPeer implements BenchAllocator {

    private final PooledByteBufAllocator allocator;
    private final HandleTable<ByteBuf> handles;

    /** {@code cacheForAllThreads}: false is Netty's default; true gives every thread its cache. */
    NettyPeer(long maxLive, boolean cacheForAllThreads) {
        this.handles = new HandleTable<>(maxLive);
        this.allocator = !cacheForAllThreads ? new PooledByteBufAllocator(true)
                : new PooledByteBufAllocator(true, PooledByteBufAllocator.defaultNumHeapArena(),
                        PooledByteBufAllocator.defaultNumDirectArena(), PooledByteBufAllocator.defaultPageSize(),
                        PooledByteBufAllocator.defaultMaxOrder(), PooledByteBufAllocator.defaultSmallCacheSize(),
                        PooledByteBufAllocator.defaultNormalCacheSize(), true);
    }

    @Override
    public Caller caller() {
        HandleTable<ByteBuf>.Slots slots = handles.new Slots();
        PooledByteBufAllocator a = allocator;
        return new Caller() {
            @Override
            public long malloc(long size) {
                return slots.put(a.directBuffer((int) size, (int) size));
            }

            @Override
            public void free(long handle) {
                slots.take(handle).release();
            }
        };
    }

    @Override
    public boolean bounded() {
        return false;
    }

    @Override
    public void close() {
        // pooled chunks are released with the allocator when it becomes unreachable
    }
}
