package io.recgate.indexbuilder.cli;

import io.recgate.core.bundle.BundleException;
import io.recgate.indexbuilder.io.DataFormatException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the {@code recgate} index-builder CLI: maps failures to one-line messages and
 * exit codes ({@link ExitCodes}). A stack trace is printed only for bugs, and only with
 * {@code RECGATE_DEBUG=1} (or {@code -Drecgate.debug=true}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns the exit code (used by tests, without exiting the JVM). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line with the given result and message streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /**
     * As {@link #run(PrintWriter, PrintWriter, String...)}, with {@code environment} in place of the
     * process environment for the commands that read variables ({@code export-events}), so a test
     * can run a pod's command line with the pod's environment.
     */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        String[] expanded;
        try {
            expanded = RebuildCommand.expandConfig(args);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("recgate: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new RecgateCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = defaults.create(type);
                if (made instanceof ExportEventsCommand export) {
                    export.environment = Map.copyOf(environment);
                }
                return made;
            }
        });
        cli.getSubcommands().get("rebuild").setOverwrittenOptionsAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler((e, argv) -> {
            PrintWriter errors = e.getCommandLine().getErr();
            errors.println("recgate: " + e.getMessage());
            errors.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_INPUT;
        });
        return cli.execute(expanded);
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof QualityGateException) {
            err.println("recgate: quality gate failed: " + e.getMessage());
            return ExitCodes.QUALITY_GATE_FAILED;
        }
        if (e instanceof DataFormatException || e instanceof IllegalArgumentException) {
            err.println("recgate: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof BundleException) {
            err.println("recgate: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof UncheckedIOException io) {
            err.println("recgate: I/O error: " + io.getCause().getMessage());
            return ExitCodes.INTERNAL_ERROR;
        }
        err.println("recgate: internal error: " + e);
        if (System.getenv("RECGATE_DEBUG") != null || Boolean.getBoolean("recgate.debug")) {
            e.printStackTrace(err);
        } else {
            err.println("(set RECGATE_DEBUG=1 for the stack trace)");
        }
        return ExitCodes.INTERNAL_ERROR;
    }
}
