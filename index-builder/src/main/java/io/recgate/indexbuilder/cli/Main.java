package io.recgate.indexbuilder.cli;

import io.recgate.core.bundle.BundleException;
import io.recgate.indexbuilder.io.DataFormatException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            String unknown = unknownCommand(e, cli);
            if (unknown != null) {
                errors.println("recgate: " + unknown);
                return ExitCodes.BAD_INPUT;
            }
            errors.println("recgate: " + e.getMessage());
            errors.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_INPUT;
        });
        return cli.execute(expanded);
    }

    /** Commands the {@code ./recgate} launcher runs itself, without this CLI. */
    static final List<String> LAUNCHER_COMMANDS = List.of("demo", "serve");

    /**
     * The message for a first argument that is no command ({@code recgate trian}), naming the
     * closest command when one is close and listing them all; null for any other parse error.
     */
    static String unknownCommand(CommandLine.ParameterException e, CommandLine root) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || e.getCommandLine() != root
                || unmatched.getUnmatched().isEmpty()) {
            return null;
        }
        String given = unmatched.getUnmatched().get(0);
        if (given.startsWith("-")) {
            return null;
        }
        List<String> commands = List.copyOf(root.getSubcommands().keySet());
        String list = "Commands: " + String.join(", ", commands) + "; through ./recgate also "
                + String.join(", ", LAUNCHER_COMMANDS) + ".";
        if (LAUNCHER_COMMANDS.contains(given)) {
            return "'" + given + "' is run by the ./recgate launcher, not by this jar: ./recgate " + given + ". " + list;
        }
        List<String> candidates = new ArrayList<>(commands);
        candidates.addAll(LAUNCHER_COMMANDS);
        String suggestion = closest(given, candidates);
        return "unknown command '" + given + "'" + (suggestion == null ? "." : "; did you mean '" + suggestion + "'?")
                + " " + list;
    }

    /**
     * The candidate {@code given} most likely misspells: the first one it is a prefix of (two
     * characters or more), else the nearest within two edits (insert, delete, substitute, swap
     * neighbours) and fewer edits than {@code given} has characters; case is ignored. Null for none.
     */
    static String closest(String given, List<String> candidates) {
        String g = given.toLowerCase(Locale.ROOT);
        if (g.length() >= 2) {
            for (String c : candidates) {
                if (c.startsWith(g)) {
                    return c;
                }
            }
        }
        String best = null;
        int bestDistance = Math.min(3, g.length());
        for (String c : candidates) {
            int d = editDistance(g, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: Levenshtein plus swaps of adjacent characters. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
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
