package org.shmalloc.lincheck;

import org.shmalloc.ShmConfig;
import org.shmalloc.internal.TreeGeometry;

/**
 * The configuration under test: blocks of {@code 2^minExponent .. 2^maxExponent} bytes, and an
 * arena of {@code blocks} largest blocks (tiny on purpose, so that exhaustion and NULL happen).
 */
record ArenaShape(int minExponent, int maxExponent, int blocks) {

    int depth() {
        return maxExponent - minExponent;
    }

    TreeGeometry geometry() {
        return new TreeGeometry(minExponent, maxExponent, blocks);
    }

    ShmConfig config() {
        return new ShmConfig(minExponent, maxExponent, (long) blocks << maxExponent);
    }

    /** Words of the tree; an AtomicWordStore needs them as an int. */
    int totalWords() {
        return Math.toIntExact(geometry().totalWords());
    }

    /** The bytes a calloc-like request asks for: {@code count} elements that together just fill class {@code sizeClass} or spill over by less than {@code count} bytes. */
    long callocElementBytes(int count, int sizeClass) {
        long classBytes = 1L << (sizeClass + minExponent);
        return (classBytes + count - 1) / count;
    }

    @Override
    public String toString() {
        return "(" + minExponent + "," + maxExponent + ") x " + blocks + " block" + (blocks == 1 ? "" : "s");
    }
}
