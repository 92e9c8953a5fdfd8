/**
 * Broken variants, run only by {@code BrokenVariantsIT} (never by the normal pass, whose
 * {@code -t} filter selects {@code org.shmalloc.jcstress.scenarios}): each test here is a scenario
 * run on a {@link org.shmalloc.jcstress.broken.BrokenTrees broken tree}, and jcstress must report a
 * FORBIDDEN outcome (a wrong result or an arbiter failure) for every one of them. A broken variant
 * that passes means the scenario has no teeth for that mistake.
 */
package org.shmalloc.jcstress.broken;
