package io.recgate.indexbuilder.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One in-process run of the CLI with everything it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Progress and narrative lines go to System.err directly; capture them too.
        PrintStream originalErr = System.err;
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        } finally {
            System.setErr(originalErr);
        }
        return new CliRun(code, out.toString(), err + progress.toString(StandardCharsets.UTF_8));
    }

    /** The lines of stderr starting with "recgate:", i.e. the error message(s). */
    String errorLines() {
        return err.lines().filter(l -> l.startsWith("recgate:")).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
