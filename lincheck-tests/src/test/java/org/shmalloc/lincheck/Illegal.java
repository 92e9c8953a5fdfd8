package org.shmalloc.lincheck;

/**
 * What the model returns when the real answer is not legal in the model's state: never equal to a
 * real answer, so this linearization is rejected. {@code why} shows in a debugger, not in reports.
 */
record Illegal(String why) {
}
