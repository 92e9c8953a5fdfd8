package org.shmalloc.bench.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shmalloc.ShmConfig;
import org.shmalloc.bench.peer.BenchAllocator.Caller;
import org.shmalloc.bench.workload.ArenaFiles;

class PeersTest {

    private static final ShmConfig SMALL = new ShmConfig(5, 10, 1 << 20);

    @ParameterizedTest
    @EnumSource(value = Impl.class, names = "FLOOR", mode = EnumSource.Mode.EXCLUDE)
    void liveAllocationsAreDistinctAndCanBeFreedFromAnotherCaller(Impl impl) {
        try (BenchAllocator allocator = impl.open(SMALL, 4096)) {
            Caller a = allocator.caller();
            Caller b = allocator.caller();
            Set<Long> live = new HashSet<>();
            List<Long> handles = new ArrayList<>();
            for (int i = 1; i <= 1000; i++) {
                long h = a.malloc(1 + i % 1000);
                assertNotEquals(0, h);
                assertTrue(live.add(h), "handle " + h + " handed out twice");
                handles.add(h);
            }
            for (long h : handles) {
                b.free(h); // a cross-caller free
            }
            long again = a.malloc(100);
            assertNotEquals(0, again);
            a.free(again);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Impl.class, names = {"SHM", "LOCKED"})
    void boundedArenasRunOutAndDeleteTheirFiles(Impl impl) throws Exception {
        Set<Path> before = arenaFiles();
        List<Long> handles = new ArrayList<>();
        try (BenchAllocator allocator = impl.open(SMALL, 0)) {
            assertTrue(allocator.bounded());
            assertEquals(before.size() + 1, arenaFiles().size(), "one arena file while open");
            Caller caller = allocator.caller();
            for (long h; (h = caller.malloc(1024)) != 0; ) {
                handles.add(h);
            }
            assertEquals((1 << 20) / 1024 - 1, handles.size(), "all blocks but the one holding NULL");
            for (long h : handles) {
                caller.free(h);
            }
            assertNotEquals(0, caller.malloc(1024));
        }
        assertEquals(before, arenaFiles(), "the arena file is deleted on close");
    }

    @Test
    void lockedPeerRejectsABadFree() {
        try (BenchAllocator allocator = Impl.LOCKED.open(SMALL, 0)) {
            Caller caller = allocator.caller();
            long h = caller.malloc(64);
            caller.free(h);
            assertThrows(IllegalStateException.class, () -> caller.free(h));
        }
    }

    @Test
    void floorHoldsOneHandlePerCallerOnItsOwnWord() {
        try (BenchAllocator allocator = Impl.FLOOR.open(SMALL, 0)) {
            Caller a = allocator.caller();
            Caller b = allocator.caller();
            long ha = a.malloc(8);
            long hb = b.malloc(8);
            assertNotEquals(0, ha);
            assertNotEquals(0, hb);
            assertNotEquals(ha, hb);
            assertEquals(0, a.malloc(8), "a second malloc before the free fails");
            a.free(ha);
            assertThrows(IllegalStateException.class, () -> a.free(ha), "the word is clear: a double free");
            assertEquals(ha, a.malloc(8));
        }
    }

    @Test
    void floorTableSetsItsWordsInTurn() {
        try (BenchAllocator allocator = Impl.FLOORTABLE.open(SMALL, 0)) {
            Caller a = allocator.caller();
            List<Long> handles = new ArrayList<>();
            for (int i = 0; i < CasFloorPeer.TABLE_WORDS; i++) {
                handles.add(a.malloc(8));
            }
            assertEquals(CasFloorPeer.TABLE_WORDS, new HashSet<>(handles).size(), "distinct words");
            assertFalse(handles.contains(0L));
            assertEquals(0, a.malloc(8), "every word set: a failed malloc");
            Caller b = allocator.caller();
            b.free(handles.get(5)); // from another caller
            b.free(handles.get(9));
            assertEquals(handles.get(5), a.malloc(8), "the next clear word in turn");
            assertEquals(handles.get(9), a.malloc(8), "the next clear word in turn");
            assertEquals(0, a.malloc(8));
            assertThrows(IllegalStateException.class, () -> a.free(handles.get(2) + 8 * CasFloorPeer.TABLE_WORDS),
                    "a word of another caller's table that is clear");
        }
    }

    @Test
    void floorTableHasRoomForTheLiveHandlesItIsOpenedFor() {
        assertEquals(CasFloorPeer.TABLE_WORDS, CasFloorPeer.tableWords(0));
        assertEquals(CasFloorPeer.TABLE_WORDS, CasFloorPeer.tableWords(CasFloorPeer.TABLE_WORDS));
        assertEquals(1 << 19, CasFloorPeer.tableWords((1 << 18) + 1));
        try (BenchAllocator allocator = Impl.FLOORTABLE.open(SMALL, 10_000)) {
            Caller a = allocator.caller();
            Set<Long> handles = new HashSet<>();
            for (int i = 0; i < 16_384; i++) {
                assertTrue(handles.add(a.malloc(8)));
            }
            assertFalse(handles.contains(0L));
            assertEquals(0, a.malloc(8), "16,384 words, all set");
        }
    }

    @Test
    void handleTableTradesBatchesBetweenCallers() {
        HandleTable<String> table = new HandleTable<>(10_000);
        HandleTable<String>.Slots producer = table.new Slots();
        HandleTable<String>.Slots consumer = table.new Slots();
        Set<Long> live = new HashSet<>();
        for (int round = 0; round < 50; round++) { // 50 x 1000 puts, far more than the capacity
            List<Long> handles = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                long h = producer.put("v" + i);
                assertTrue(live.add(h), "handle reused while live");
                handles.add(h);
            }
            for (int i = 0; i < handles.size(); i++) {
                assertEquals("v" + i, consumer.take(handles.get(i)));
                live.remove(handles.get(i));
            }
        }
        assertFalse(live.iterator().hasNext());
    }

    private static Set<Path> arenaFiles() throws Exception {
        try (var files = Files.list(ArenaFiles.DIR)) {
            String mine = "shmalloc-bench-" + ProcessHandle.current().pid() + "-";
            return new HashSet<>(files.filter(f -> f.getFileName().toString().startsWith(mine)).toList());
        }
    }
}
