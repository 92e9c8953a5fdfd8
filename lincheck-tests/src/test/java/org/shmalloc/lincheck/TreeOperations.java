package org.shmalloc.lincheck;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.jetbrains.lincheck.datastructures.Validate;
import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.TreeCensus;
import org.shmalloc.internal.TreeGeometry;
import org.shmalloc.internal.WordStore;

/**
 * The operations Lincheck runs on a {@link BuddyTree} (one fresh, empty tree per test instance).
 * Offsets are units from the arena start; NULL is {@value #NULL}. Each shape's subclass declares
 * the {@code @Operation}s (Lincheck's parameter ranges are per class) and delegates here.
 *
 * <p>After every execution, {@link #validate()} checks the quiescent arena: the census finds no
 * malformed word, the offsets returned and not freed (counted per offset,
 * see {@link Ledger}) are aligned and pairwise disjoint, each one's lookup gives the class it was
 * returned with, and the census counts per class equal the ledger's (nothing leaked, nothing
 * lost). That is also where {@code stats} is checked: a census is exact only while nothing runs
 * (see ShmStats), so it is not a linearizable operation.
 */
public abstract class TreeOperations {

    static final long NULL = -1;

    private final ArenaShape shape;
    private final TreeGeometry geometry;
    private final WordStore words;
    private final BuddyTree tree;
    private final Cursors cursors;
    private final Ledger ledger = new Ledger();
    private final boolean validating;

    protected TreeOperations(ArenaShape shape, Backend backend, Variant variant) {
        this(shape, backend, variant, true);
    }

    /**
     * {@code validating} false turns {@link #validate()} into a no-op, so that only the
     * linearizability check against the model can fail: BrokenVariantsTest uses it to show that
     * the model alone has teeth.
     */
    protected TreeOperations(ArenaShape shape, Backend backend, Variant variant, boolean validating) {
        this.validating = validating;
        this.shape = shape;
        this.geometry = shape.geometry();
        this.words = variant.wrap(backend.fresh(shape.totalWords()));
        this.tree = variant.tree(geometry, words);
        this.cursors = new Cursors(geometry);
    }

    protected long allocate(int sizeClass) {
        long unit = tree.allocate(sizeClass, cursors.current());
        if (unit >= 0) {
            ledger.returned(unit, sizeClass);
        }
        return unit;
    }

    /** calloc modelled at the tree level: {@code count} elements, the class derived from their total. */
    protected long allocateElements(int count, int sizeClass) {
        long total = count * shape.callocElementBytes(count, sizeClass);
        int needed = geometry.classOf(total);
        return needed < 0 ? NULL : allocate(needed);
    }

    protected FreeAnswer freeEntry(int k) {
        Ledger.Entry entry = ledger.live(k);
        if (entry == null) {
            return FreeAnswer.nothing();
        }
        int result = tree.free(entry.at(), cursors.current());
        if (result >= 0) {
            ledger.freed(entry.at());
        }
        return new FreeAnswer(entry.at(), result);
    }

    protected LookupAnswer lookupEntry(int k) {
        Ledger.Entry entry = ledger.any(k);
        return entry == null ? LookupAnswer.nothing() : new LookupAnswer(entry.at(), tree.lookup(entry.at()));
    }

    @Validate
    public void validate() {
        if (!validating) {
            return;
        }
        TreeCensus census = TreeCensus.of(geometry, words);
        if (census.faults() != 0) {
            throw new IllegalStateException(census.faults() + " malformed tree words: " + census.faultSamples());
        }
        Map<Long, Set<Integer>> live = ledger.liveOffsets();
        ArenaModel disjoint = new ArenaModel(shape.depth(), shape.blocks());
        long[] byClass = new long[shape.depth() + 1];
        for (Map.Entry<Long, Set<Integer>> offset : live.entrySet()) {
            long unit = offset.getKey();
            int found = tree.lookup(unit);
            if (!offset.getValue().contains(found)) {
                throw new IllegalStateException("lookup(" + unit + ") = " + found + ", but an allocation of class "
                        + offset.getValue() + " was returned there and not freed");
            }
            if (!disjoint.canPlace(unit, found)) {
                throw new IllegalStateException("live allocation of class " + found + " at " + unit
                        + " is misaligned or overlaps another: " + live);
            }
            disjoint.place(unit, found);
            byClass[found]++;
        }
        if (!Arrays.equals(byClass, census.liveByClass())) {
            throw new IllegalStateException("census counts " + Arrays.toString(census.liveByClass())
                    + " live allocations per class, the returned-and-not-freed offsets are " + Arrays.toString(byClass));
        }
    }
}
