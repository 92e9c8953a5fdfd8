package org.shmalloc.jcstress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The space-summary scenarios with their two actors run one after the other on one thread, in both
 * orders: the two ends of every race, in a second rather than minutes, each giving the result the
 * scenario's outcome table describes for that order (and a broken variant that needs no race being
 * caught at once). The races themselves run in {@code JcstressQuickIT} and {@code BrokenVariantsIT}.
 */
class SummaryScenariosInOrderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            scenarios.SummaryRefreshRace$OneBlock        | free:1, 256, ok                     | free:1, NULL, ok
            scenarios.SummaryRefreshRace$OneBlockPaused  | free:1, 256, ok                     | free:1, NULL, ok
            scenarios.SummaryRefreshRace$TwoBlocks       | free:1, 768, ok                     | free:1, NULL, ok
            scenarios.SummaryRefreshRace$ThreeLevels     | free:1, 32, ok                      | free:1, NULL, ok
            scenarios.SummaryCoverRace$SameGroup         | free:2, free:1, ok                  | free:2, free:1, ok
            scenarios.SummaryCoverRace$AcrossGroups      | free:2, free:1, ok                  | free:2, free:1, ok
            scenarios.LastRegionRace$OtherRegionFree     | 256, free:1, ok                     | 768, free:1, ok
            scenarios.LastRegionRace$OtherGroupFree      | 32, free:1, ok                      | 2048, free:1, ok
            scenarios.LastRegionRace$OnlyTheFreedRegion  | NULL, free:1, ok                    | 1280, free:1, ok
            scenarios.DeadRefresherRace$BlockWord        | free:1, 768, TENTATIVE, ok          | free:1, NULL, final, ok
            scenarios.DeadRefresherRace$BlockWordPaused  | free:1, 768, TENTATIVE, ok          | free:1, NULL, final, ok
            scenarios.DeadRefresherRace$RootWord         | free:1, 768, TENTATIVE, ok          | free:1, NULL, final, ok
            scenarios.DeadRefresherRace$GroupWord        | free:1, 32, TENTATIVE, ok           | free:1, NULL, final, ok
            scenarios.CoverLagRace$HintThenSearch        | free:1, 256, 288, ok               | free:1, NULL, NULL, ok
            scenarios.HelpingRace$HintThenSearchPaused   | free:1, 256, NULL, NULL, ok         | free:1, NULL, NULL, NULL, ok
            broken.RefreshRaceWithoutTentative           | free:1, 256, ok                     | free:1, NULL, ok
            broken.DeadRefresherWithCoverTrustingTentative | free:1, 768, TENTATIVE, ok        | free:1, NULL, final, ok
            broken.LastRegionWithoutCover | NULL, free:1, 3 summary faults, first: summary level 0 word 40 claims classes 0x0 but 0x2 is free below it | NULL, free:1, 3 summary faults, first: summary level 0 word 40 claims classes 0x0 but 0x2 is free below it
            """)
    void bothOrders(String test, String aThenB, String bThenA) throws Exception {
        assertEquals(aThenB, run("org.shmalloc.jcstress." + test, true), "A, then B");
        assertEquals(bThenA, run("org.shmalloc.jcstress." + test, false), "B, then A");
    }

    /** Builds a fresh state, runs its actors a and b in the order given, then its arbiter; the result as jcstress prints it. */
    private static String run(String test, boolean aFirst) throws ReflectiveOperationException {
        Class<?> type = Class.forName(test);
        Object state = type.getConstructor().newInstance();
        Method a = actor(type, "a");
        Class<?> resultType = a.getParameterTypes()[0];
        Object result = resultType.getConstructor().newInstance();
        Method b = type.getMethod("b", resultType);
        try {
            (aFirst ? a : b).invoke(state, result);
            (aFirst ? b : a).invoke(state, result);
            type.getMethod("arbiter", resultType).invoke(state, result);
        } catch (InvocationTargetException e) {
            throw new AssertionError(test + " threw", e.getCause());
        }
        return result.toString();
    }

    private static Method actor(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1) {
                return m;
            }
        }
        throw new AssertionError(type + " has no actor " + name);
    }
}
