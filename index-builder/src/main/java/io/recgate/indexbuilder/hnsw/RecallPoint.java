package io.recgate.indexbuilder.hnsw;

/**
 * Quality and speed of the approximate index at one ef, measured on the build machine.
 *
 * @param ef                 search breadth
 * @param recall             mean recall@k against exact search, in [0, 1]
 * @param meanLatencyMicros  mean single-thread search time in microseconds (a rough guide: the
 *                           build machine is not the serving machine and may be busy)
 */
public record RecallPoint(int ef, double recall, double meanLatencyMicros) {
}
