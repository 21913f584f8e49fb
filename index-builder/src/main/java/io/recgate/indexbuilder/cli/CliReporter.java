package io.recgate.indexbuilder.cli;

import io.recgate.indexbuilder.pipeline.Reporter;

/** Renders pipeline steps as {@link Progress} bars and narrative lines on standard error. */
final class CliReporter implements Reporter {

    @Override
    public Step step(String task, long total, String unit) {
        Progress progress = Progress.start(task, total, unit);
        return new Step() {
            @Override
            public void update(long done) {
                progress.update(done);
            }

            @Override
            public void close() {
                progress.close();
            }
        };
    }

    @Override
    public void line(String text) {
        System.err.println(text);
    }
}
