package org.shmalloc.bench;

/**
 * The JVM options of every forked benchmark JVM, in one place: {@code @Fork(jvmArgsAppend = ...)}
 * uses the constants, {@link Run} and the process harness pass {@link #ARGS}.
 */
public final class BenchJvm {

    /** The native malloc peer makes FFM downcalls. */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** Netty's defaults use sun.misc.Unsafe; allow it (as its users do) rather than measure a fallback. */
    public static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    /** A fixed heap, so that heap resizing is not measured; large enough for the 16 GiB fills' handle lists. */
    public static final String XMS = "-Xms2g";
    public static final String XMX = "-Xmx2g";
    /** Where LatencyBench writes its HdrHistogram logs (Run sets it to the results folder). */
    public static final String HDR_DIR_PROPERTY = "shmalloc.bench.hdr";

    public static final String[] ARGS = {NATIVE_ACCESS, UNSAFE, XMS, XMX};

    private BenchJvm() {
    }
}
