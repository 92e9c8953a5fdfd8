/**
 * The allocator's algorithm, the layout of its file and the one class that touches shared words.
 *
 * <h2>Memory-ordering vocabulary</h2>
 * Every access to a shared 64-bit word goes through {@link org.shmalloc.internal.WordStore};
 * its method names say the ordering, and nothing else in the project reads or writes the words:
 * <ul>
 *   <li>{@code lv} (load volatile): a read that sees every store that happened before it in any process.</li>
 *   <li>{@code cas} (compare and set, volatile semantics): the only way a word ever changes
 *       after the file is published.</li>
 * </ul>
 * The file header is written with plain stores before its ready word is published with a
 * release store; readers load that word with acquire before they read anything else
 * ({@link org.shmalloc.internal.ArenaFile}).
 *
 * <p>This package is exported so that the project's jcstress, Lincheck and JMH modules can run the
 * real algorithm over other word stores. It is not a stable API.
 */
package org.shmalloc.internal;
