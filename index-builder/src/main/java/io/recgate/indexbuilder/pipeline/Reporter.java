package io.recgate.indexbuilder.pipeline;

/**
 * Where a long pipeline reports what it is doing: steps with a measurable amount of work, and
 * plain lines. The CLI renders steps as progress bars on a terminal and as plain lines in logs.
 */
public interface Reporter {

    /** Starts a step of {@code total} units (0 when unknown); close it when done. */
    Step step(String task, long total, String unit);

    /** One line of narrative (what was read, what was skipped, how long training took). */
    void line(String text);

    /** One step's progress; thread-safe. */
    interface Step extends AutoCloseable {
        void update(long done);

        @Override
        void close();
    }

    /** Reports nothing (tests, library use). */
    Reporter SILENT = new Reporter() {
        @Override
        public Step step(String task, long total, String unit) {
            return new Step() {
                @Override
                public void update(long done) {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void line(String text) {
        }
    };
}
