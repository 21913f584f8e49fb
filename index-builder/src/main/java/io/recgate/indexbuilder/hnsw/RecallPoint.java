package io.recgate.indexbuilder.hnsw;

/**
 * Quality and speed of the approximate index at one ef, measured on the build machine.
 *
 * @param ef                 search breadth
 * @param recall             mean recall@k against exact search, in [0, 1]
 * @param meanLatencyMicros  mean wall-clock time per query in microseconds: one thread, searching
 *                           the recall query set one query after another, timed after an untimed
 *                           warm-up that ran every query at every measured ef (so the JIT has compiled
 *                           the search path). A rough guide: the build machine is not the serving
 *                           machine and may be busy.
 */
public record RecallPoint(int ef, double recall, double meanLatencyMicros) {
}
