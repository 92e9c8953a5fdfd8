package org.shmalloc.jcstress.arena;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.SegmentWordStore;
import org.shmalloc.internal.TreeGeometry;
import org.shmalloc.internal.WordStore;

/**
 * One sample's arena: a {@link BuddyTree} over a {@link SegmentWordStore} on a fresh slice of the
 * file-mapped ring, and the blocks' data bytes after it in the same slice.
 *
 * <pre>
 * slice: [ tree words (totalWords x 8 bytes) | pad to 64 | data (blocks x 2^maxExponent bytes) | pad ]
 * </pre>
 *
 * The state's constructor prepares it single-threaded with {@link #take}, {@link #fill} and
 * {@link #release}, which keep the set of allocations the arbiter then expects ({@link #audit()}).
 * Positions are units from the arena's start; unlike {@code ShmAllocator}, unit 0 is not reserved.
 */
public final class MiniArena {

    public final ArenaShape shape;
    public final TreeGeometry geometry;
    public final WordStore words;
    public final BuddyTree tree;
    /** The tree's space summary, on the same words. */
    public final SummaryWords summary;
    /** The data region (empty for a tree-only shape): unit u starts at byte u << minExponent. */
    public final MemorySegment data;
    private final SliceRing.Slice slice;
    private final BuddyTree.Cursor setupCursor;
    /** unit -> size class of what the setup left allocated. */
    private final Map<Long, Integer> setupLive = new TreeMap<>();

    public MiniArena(ArenaShape shape, TreeFactory factory) {
        this.shape = shape;
        this.geometry = shape.geometry();
        this.slice = SliceRing.of(shape.sliceBytes()).take();
        MemorySegment wordBytes = slice.memory.asSlice(0, shape.treeBytes());
        this.words = new SegmentWordStore(wordBytes);
        this.tree = factory.create(geometry, words, wordBytes);
        this.summary = new SummaryWords(tree.summary(), words);
        this.data = slice.memory.asSlice(ArenaShape.roundUp(shape.treeBytes()), shape.dataBytes());
        this.setupCursor = new BuddyTree.Cursor(geometry, 0);
    }

    public MiniArena(ArenaShape shape) {
        this(shape, TreeFactory.CORRECT);
    }

    /** A fresh per-actor cursor starting its search at block {@code home} (modulo the block count). */
    public BuddyTree.Cursor cursor(long home) {
        return new BuddyTree.Cursor(geometry, Math.floorMod(home, geometry.blockCount));
    }

    // --- setup (constructor only, single-threaded) -----------------------------------------------

    /** Allocates a block of {@code sizeClass}; the setup expects it to fit. */
    public long take(int sizeClass) {
        return take(sizeClass, setupCursor);
    }

    /** As {@link #take(int)}, with an actor's cursor: that cursor's hint for the class then points at the block's word. */
    public long take(int sizeClass, BuddyTree.Cursor cursor) {
        long unit = tree.allocate(sizeClass, cursor);
        if (unit < 0) {
            throw new IllegalStateException("setup: no free block of class " + sizeClass + " in " + shape);
        }
        setupLive.put(unit, sizeClass);
        return unit;
    }

    /** Allocates {@code sizeClass} until nothing fits; returns the units in ascending order. */
    public List<Long> fill(int sizeClass) {
        List<Long> units = new ArrayList<>();
        for (long unit; (unit = tree.allocate(sizeClass, setupCursor)) >= 0; ) {
            setupLive.put(unit, sizeClass);
            units.add(unit);
        }
        units.sort(null);
        return units;
    }

    /** Frees a block the setup allocated. */
    public void release(long unit) {
        release(unit, null);
    }

    /**
     * As {@link #release(long)}, with an actor's cursor (or null): that cursor then remembers the
     * freed region, and its thread's next malloc of the class tries it before searching.
     */
    public void release(long unit, BuddyTree.Cursor cursor) {
        int freed = tree.free(unit, cursor);
        if (freed < 0 || setupLive.remove(unit) == null) {
            throw new IllegalStateException("setup: free(" + unit + ") returned " + freed);
        }
    }

    /** Throws unless the setup put a block of {@code sizeClass} at {@code unit}: the scenario's premise. */
    public void expect(long unit, int sizeClass) {
        Integer actual = setupLive.get(unit);
        if (actual == null || actual != sizeClass) {
            throw new IllegalStateException("setup: expected class " + sizeClass + " at unit " + unit + ", have "
                    + setupLive);
        }
    }

    /**
     * Ends the setup: arms a broken tree that behaves correctly until then ({@link ArmedAfterSetup}).
     * Scenarios whose premise depends on the space summary call it last in their constructor.
     */
    public void setupDone() {
        if (tree instanceof ArmedAfterSetup broken) {
            broken.arm();
        }
    }

    // --- reading results -------------------------------------------------------------------------

    /** Byte offset of {@code unit} in the data region, as text; "NULL" for a failed allocation. */
    public String offset(long unit) {
        return unit < 0 ? "NULL" : Long.toString(unit << geometry.minExponent);
    }

    /** The data bytes of the block of {@code sizeClass} at {@code unit}. */
    public MemorySegment block(long unit, int sizeClass) {
        return data.asSlice(unit << geometry.minExponent, 1L << (sizeClass + geometry.minExponent));
    }

    /** What the arbiter expects: the setup's allocations, to which the scenario adds the actors' results. */
    public Audit audit() {
        return new Audit(this, setupLive);
    }

    /** Throws if this state's slice was handed to another state meanwhile (see {@link SliceRing}). */
    void checkOwned() {
        slice.checkOwned();
    }

    /** Text of a {@link BuddyTree#free} result: "free:c" for a freed block of class c, else the error code's name. */
    public static String freed(int result) {
        return switch (result) {
            case BuddyTree.NOT_ALLOCATED -> "NOT_ALLOCATED";
            case BuddyTree.INTERIOR -> "INTERIOR";
            case BuddyTree.CORRUPT -> "CORRUPT";
            default -> result >= 0 ? "free:" + result : "code " + result;
        };
    }
}
