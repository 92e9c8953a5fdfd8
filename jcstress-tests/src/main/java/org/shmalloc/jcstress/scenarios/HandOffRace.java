package org.shmalloc.jcstress.scenarios;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.shmalloc.internal.BuddyTree;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.arena.MiniArena;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * Hand-off through free and malloc: A owns block X (the arena is otherwise full), writes every long
 * of it with plain stores, and frees it; B mallocs, and if it gets (part of) X, reads it and writes
 * its own pattern. The free's CAS and the malloc's CAS on the same tree word order A's writes
 * before B's reads: B sees all of A's longs (none stale, none torn), and A's writes never land
 * after B's (the arbiter finds B's pattern intact). The calloc variant zeroes what it got, as
 * {@code ShmAllocator.calloc} does, and must read zeros.
 *
 * <p>Results: A's free, B's malloc and what it read, the arbiter's verdict.
 */
public class HandOffRace {

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;

    /** Long i of A's pattern; B writes {@code B_PATTERN + i}. */
    static final long A_PATTERN = 0xAAAA_0000_0000_0000L;
    static final long B_PATTERN = 0xBBBB_0000_0000_0000L;

    public abstract static class Race {
        final MiniArena arena;
        final int classA;
        final int classB;
        final boolean calloc;
        final long blockX;
        final BuddyTree.Cursor cursorB;
        int freedA;
        long unitB;

        /** Fills the arena with {@code classA} blocks; A owns the {@code pick}-th; B mallocs {@code classB}. */
        protected Race(ArenaShape shape, int classA, int classB, int pick, boolean calloc, TreeFactory trees) {
            arena = new MiniArena(shape, trees);
            this.classA = classA;
            this.classB = classB;
            this.calloc = calloc;
            blockX = arena.fill(classA).get(pick);
            cursorB = arena.cursor(0);
        }

        protected String actorA() {
            MemorySegment x = arena.block(blockX, classA);
            for (long i = 0; i < x.byteSize() / Long.BYTES; i++) {
                x.setAtIndex(LONG, i, A_PATTERN + i);
            }
            freedA = arena.tree.free(blockX);
            return MiniArena.freed(freedA);
        }

        protected String actorB() {
            unitB = arena.tree.allocate(classB, cursorB);
            if (unitB < 0) {
                return "NULL";
            }
            if (unitB < blockX || unitB >= blockX + (1L << classA)) {
                return arena.offset(unitB) + " outside X";
            }
            MemorySegment mine = arena.block(unitB, classB);
            long first = indexInX(unitB);
            long longs = mine.byteSize() / Long.BYTES;
            if (calloc) {
                mine.fill((byte) 0);
            }
            int expected = 0;
            for (long i = 0; i < longs; i++) {
                if (mine.getAtIndex(LONG, i) == (calloc ? 0 : A_PATTERN + first + i)) {
                    expected++;
                }
            }
            if (!calloc) {
                for (long i = 0; i < longs; i++) {
                    mine.setAtIndex(LONG, i, B_PATTERN + i);
                }
            }
            String seen = expected == longs ? (calloc ? "read zeros" : "saw A's bytes")
                    : (calloc ? "non-zero" : "torn") + " " + (longs - expected) + "/" + longs;
            return arena.offset(unitB) + " " + seen;
        }

        /** Index of the long at {@code unit} within X. */
        private long indexInX(long unit) {
            return ((unit - blockX) << arena.geometry.minExponent) / Long.BYTES;
        }

        protected String verdict() {
            var audit = arena.audit()
                    .check(freedA == classA, "A's free returned " + MiniArena.freed(freedA))
                    .freed(blockX)
                    .allocated(unitB, classB);
            MemorySegment x = arena.block(blockX, classA);
            long bFrom = unitB < 0 ? 0 : indexInX(unitB);
            long bTo = unitB < 0 ? 0 : bFrom + (1L << (classB + arena.geometry.minExponent)) / Long.BYTES;
            for (long i = 0; i < x.byteSize() / Long.BYTES; i++) {
                boolean inB = i >= bFrom && i < bTo;
                long want = !inB ? A_PATTERN + i : calloc ? 0 : B_PATTERN + (i - bFrom);
                long found = x.getAtIndex(LONG, i);
                if (found != want) {
                    audit.problem("long " + i + " of X holds 0x" + Long.toHexString(found) + ", expected 0x"
                            + Long.toHexString(want));
                    break;
                }
            }
            return audit.verdict();
        }
    }

    @JCStressTest
    @Description("(5,9): X = a class-1 block (64 bytes, units 6-7); B mallocs class 1 and reads 8 longs")
    @Outcome(id = "free:1, NULL, ok", expect = ACCEPTABLE, desc = "B's malloc came before A's free: nothing was free")
    @Outcome(id = "free:1, 192 saw A's bytes, ok", expect = ACCEPTABLE, desc = "B got X after A's free and saw all of A's writes")
    @Outcome(expect = FORBIDDEN, desc = "stale or torn bytes, a late write of A, or an inconsistent tree")
    @State
    public static class SameClass extends Race {
        public SameClass() {
            super(ArenaShape.ONE_WORD, 1, 1, 3, false, TreeFactory.CORRECT);
        }

        @Actor
        public void a(LLL_Result r) {
            r.r1 = actorA();
        }

        @Actor
        public void b(LLL_Result r) {
            r.r2 = actorB();
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = verdict();
        }
    }

    @JCStressTest
    @Description("(3,8): X = top slot 0 (class 4, 128 bytes); B mallocs class 2 (32 bytes), which needs a pin "
            + "of the freed slot and a claim in its child word")
    @Outcome(id = "free:4, NULL, ok", expect = ACCEPTABLE, desc = "B's malloc came before A's free: nothing was free")
    @Outcome(id = "free:4, \\d+ saw A's bytes, ok", expect = ACCEPTABLE, desc = "B got part of X after A's free and saw A's writes")
    @Outcome(expect = FORBIDDEN, desc = "stale or torn bytes, a late write of A, or an inconsistent tree")
    @State
    public static class AcrossLevels extends Race {
        public AcrossLevels() {
            super(ArenaShape.TWO_LEVELS, 4, 2, 0, false, TreeFactory.CORRECT);
        }

        @Actor
        public void a(LLL_Result r) {
            r.r1 = actorA();
        }

        @Actor
        public void b(LLL_Result r) {
            r.r2 = actorB();
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = verdict();
        }
    }

    @JCStressTest
    @Description("(5,9): as SameClass, but B callocs: allocate, zero the block, read it")
    @Outcome(id = "free:1, NULL, ok", expect = ACCEPTABLE, desc = "B's calloc came before A's free: nothing was free")
    @Outcome(id = "free:1, 192 read zeros, ok", expect = ACCEPTABLE, desc = "B got X and read zeros after zeroing it")
    @Outcome(expect = FORBIDDEN, desc = "a non-zero byte (a late write of A), or an inconsistent tree")
    @State
    public static class Calloc extends Race {
        public Calloc() {
            super(ArenaShape.ONE_WORD, 1, 1, 3, true, TreeFactory.CORRECT);
        }

        @Actor
        public void a(LLL_Result r) {
            r.r1 = actorA();
        }

        @Actor
        public void b(LLL_Result r) {
            r.r2 = actorB();
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = verdict();
        }
    }
}
