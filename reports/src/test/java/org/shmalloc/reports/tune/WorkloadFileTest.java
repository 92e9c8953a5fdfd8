package org.shmalloc.reports.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading workload files: both formats, and an error naming the file and line for every kind of bad line. */
class WorkloadFileTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("workload.txt");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aTraceKeepsItsOrderAndRepeats() throws IOException {
        Workload w = WorkloadFile.read(file("# sizes of a cache's entries\n100\n\n4000  # a listing\n7\n100\n"));
        assertTrue(w.isTrace());
        assertEquals(4, w.requestCount());
        assertEquals(3, w.distinctSizes());
        Workload.RequestStream s = w.requests(99);
        long[] replay = new long[6];
        for (int i = 0; i < replay.length; i++) {
            replay[i] = s.next();
        }
        assertEquals("[100, 4000, 7, 100, 100, 4000]", java.util.Arrays.toString(replay));
    }

    @Test
    void aHistogramWithAHeaderAndAnySeparator() throws IOException {
        Workload w = WorkloadFile.read(file("size,count\n32,10\n64;30\n128\t0\n4096 60\n"));
        assertFalse(w.isTrace());
        assertEquals(100, w.requestCount());
        assertEquals(3, w.distinctSizes(), "a size counted 0 times is never requested");
        assertEquals(32, w.smallest());
        assertEquals(4096, w.largest());
        assertEquals(0.6, w.fractionAbove(64), 1e-12);
        assertEquals(64, w.quantile(0.4));
    }

    private WorkloadFile.FormatException bad(String text) {
        return assertThrows(WorkloadFile.FormatException.class, () -> WorkloadFile.read(file(text)));
    }

    @Test
    void badLinesAreErrorsNamingTheLine() {
        WorkloadFile.FormatException word = bad("100\n200\nabc\n300\n");
        assertEquals(3, word.line());
        assertTrue(word.getMessage().endsWith("workload.txt:3: 'abc' is not a size (a whole number of bytes)"),
                word.getMessage());

        assertEquals(2, bad("# header comment\n0\n").line(), "a size must be positive");
        assertTrue(bad("# header comment\n0\n").getMessage().contains("size must be positive, got 0"));
        assertEquals(4, bad("1\n2\n3\n-5\n").line());
        assertEquals(2, bad("64,1\n128,-1\n").line(), "a count must not be negative");
        assertEquals(2, bad("64,1\n128,x\n").line());
        assertTrue(bad("64,1\n128,x\n").getMessage().contains("'x' is not a count"));
        assertEquals(3, bad("64\n65\n66,1\n").line(), "one file, one format");
        assertTrue(bad("64\n65\n66,1\n").getMessage().contains("but line 1 was a single SIZE"));
        assertEquals(1, bad("1,2,3\n").line());
        assertEquals(1, bad("sizes in bytes\n").line(), "only column names make a header");
        assertEquals(2, bad("100\nsize\n").line(), "a header comes before the first number");
        assertEquals(1, bad("1.5\n").line(), "bytes are whole");
        assertEquals(1, bad("99999999999999999999\n").line(), "too large for a long");
    }

    @Test
    void aFileWithoutRequestsIsAnError() throws IOException {
        IOException empty = assertThrows(IOException.class, () -> WorkloadFile.read(file("# nothing\n\nsize\n")));
        assertTrue(empty.getMessage().contains("no request sizes"), empty.getMessage());
        IOException zeros = assertThrows(IOException.class, () -> WorkloadFile.read(file("64,0\n128,0\n")));
        assertTrue(zeros.getMessage().contains("every count is zero"), zeros.getMessage());
        IOException missing = assertThrows(IOException.class, () -> WorkloadFile.read(dir.resolve("absent.txt")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    @Test
    void theExampleTraceReads() throws IOException {
        Path example = Path.of("examples/path-cache.sizes");
        Workload w = WorkloadFile.read(example);
        assertTrue(w.isTrace());
        assertTrue(w.requestCount() > 1000, "a real-looking trace: " + w.requestCount() + " requests");
    }
}
