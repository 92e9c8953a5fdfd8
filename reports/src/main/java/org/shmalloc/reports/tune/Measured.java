package org.shmalloc.reports.tune;

/**
 * One candidate's measurements.
 *
 * @param candidate    the config
 * @param memory       the replay's figures
 * @param speed        the measured speed, or null (not measured, or the measurement failed)
 * @param speedProblem why there is no speed when one was asked for, else null
 */
public record Measured(Candidate candidate, MemoryMetrics memory, SpeedMetrics speed, String speedProblem) {
}
