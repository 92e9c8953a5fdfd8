package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ShmConfig: the supported range is accepted, everything else is refused at construction. */
class ShmConfigTest {

    @Test
    void defaultsAre32BytesTo4KiBIn256MiB() {
        ShmConfig config = ShmConfig.defaults();
        assertEquals(new ShmConfig(5, 12, 256L << 20), config);
        assertEquals(65_536, config.blockCount());
    }

    static Stream<Arguments> validConfigs() {
        return Stream.of(
                Arguments.of(3, 4, 16L, 1L),                          // smallest exponents, one block
                Arguments.of(3, 19, 1L << 19, 1L),                    // spread 16 at the bottom
                Arguments.of(14, 30, 1L << 30, 1L),                   // spread 16 at the top
                Arguments.of(29, 30, 3L << 30, 3L),                   // largest exponents
                Arguments.of(5, 12, (10L << 12) + 4095, 10L),         // rounded down to whole blocks
                Arguments.of(3, 4, ShmConfig.MAX_ARENA_BYTES, ShmConfig.MAX_ARENA_BYTES >>> 4));
    }

    @ParameterizedTest(name = "({0}, {1}, {2}) has {3} blocks")
    @MethodSource("validConfigs")
    void acceptsTheSupportedRange(int min, int max, long arena, long blocks) {
        assertEquals(blocks, new ShmConfig(min, max, arena).blockCount());
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                Arguments.of(2, 5, 1L << 20, "2"),                    // minExponent below 3
                Arguments.of(0, 4, 1L << 20, "0"),
                Arguments.of(-1, 4, 1L << 20, "-1"),
                Arguments.of(Integer.MIN_VALUE, 4, 1L << 20, String.valueOf(Integer.MIN_VALUE)),
                Arguments.of(5, 5, 1L << 20, "5"),                    // min == max
                Arguments.of(6, 5, 1L << 20, "6"),                    // min > max
                Arguments.of(3, 20, 1L << 20, "20"),                  // spread 17
                Arguments.of(14, 31, 1L << 31, "31"),                 // maxExponent above 30
                Arguments.of(5, Integer.MAX_VALUE, 1L << 20, String.valueOf(Integer.MAX_VALUE)),
                Arguments.of(5, 12, 4095L, "4095"),                   // less than one block
                Arguments.of(5, 12, 0L, "0"),
                Arguments.of(5, 12, -4096L, "-4096"),
                Arguments.of(5, 12, Long.MIN_VALUE, String.valueOf(Long.MIN_VALUE)),
                Arguments.of(5, 12, ShmConfig.MAX_ARENA_BYTES + 1, String.valueOf(ShmConfig.MAX_ARENA_BYTES + 1)),
                Arguments.of(5, 12, Long.MAX_VALUE, String.valueOf(Long.MAX_VALUE)));
    }

    @ParameterizedTest(name = "({0}, {1}, {2})")
    @MethodSource("invalidConfigs")
    void refusesAnythingElseNamingTheValue(int min, int max, long arena, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShmConfig(min, max, arena));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }
}
