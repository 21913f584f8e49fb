package io.recgate.indexbuilder.cli;

import io.recgate.core.events.EventSchema;
import io.recgate.indexbuilder.events.EventExporter;
import io.recgate.indexbuilder.events.EventWeights;
import io.recgate.indexbuilder.events.ExportSummary;
import io.recgate.indexbuilder.events.PostgresUrl;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recgate export-events}: the gateway's events — from PostgreSQL, or from its embedded log
 * with {@code --data-dir} — to the interactions CSV that {@code rebuild --format csv} reads
 * ({@link EventExporter}). The URL comes
 * from {@code --postgres} or, to keep it out of the process list, from the environment variable
 * named by {@code --postgres-env}; a URL without a password takes {@code PGPASSWORD}. Exit 0
 * exported, 1 server unreachable (retry), 2 bad input (bad URL, refused login, no table, no events).
 */
@Command(name = "export-events", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export the gateway's events (PostgreSQL or embedded log) to a CSV for rebuild.",
                "Reads table recgate_events (--postgres, --postgres-env) or DIR/events.log (--data-dir); writes columns user_id,item_id,weight,timestamp (epoch seconds), "
                        + "one row per event: the csv reader's default columns, so 'rebuild --format csv --data FILE' "
                        + "needs no column options. The file is replaced atomically, and left as it was when the export "
                        + "fails or finds no events.",
                "Exit codes: 0 exported, 1 server unreachable (worth a retry), 2 bad input or no events."})
final class ExportEventsCommand implements Callable<Integer> {

    /** The variable holding a password for a URL without one (libpq's name). */
    static final String PASSWORD_VARIABLE = "PGPASSWORD";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--postgres", paramLabel = "URL",
                description = "postgresql://user:password@host:port/db (the gateway's store.postgresUrl) or jdbc:postgresql://...;"
                        + " visible in the process list: prefer --postgres-env.")
        String url;

        @Option(names = "--postgres-env", paramLabel = "VARIABLE",
                description = "Name of the environment variable holding the URL, e.g. RECGATE_STORE_POSTGRES_URL.")
        String variable;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "The gateway's --data-dir: export its embedded event log (DIR/events.log) instead of"
                        + " PostgreSQL; safe while the gateway runs.")
        Path dataDir;
    }

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV to write (replaced atomically).")
    Path out;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only events at or after WHEN: an instant (2026-01-31T00:00:00Z), a date (2026-01-31, UTC),"
                    + " or an age (P90D, PT12H: that long before now). Default: every event.")
    String since;

    @Option(names = "--weight", paramLabel = "TYPE=W", split = ",",
            description = "Weight of an event type (view, click, like, rate, purchase): a number >= 0 (0 drops the type)"
                    + " or 'value' (the event's own value). Defaults: view=1,click=2,like=4,purchase=8,rate=value.")
    Map<String, String> weights = new LinkedHashMap<>();

    /** The environment; replaced in tests. */
    Map<String, String> environment = System.getenv();

    /** The clock for --since ages; replaced in tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        EventWeights w = EventWeights.parse(weights);
        Instant from = since == null ? null : parseSince(since, clock);
        if (source.dataDir != null) {
            ExportSummary s = EventExporter.exportLog(source.dataDir, from, w, out);
            report(s, source.dataDir.resolve(EventSchema.LOG_FILE).toString(), from);
            return ExitCodes.OK;
        }
        String url = source.url;
        if (source.variable != null) {
            url = environment.get(source.variable);
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("environment variable " + source.variable + " (--postgres-env) is not set");
            }
        }
        PostgresUrl db = PostgresUrl.parse(url.strip(), environment.get(PASSWORD_VARIABLE));
        report(EventExporter.export(db, from, w, out), db.toString(), from);
        return ExitCodes.OK;
    }

    private void report(ExportSummary s, String source, Instant from) {
        spec.commandLine().getOut().printf(Locale.ROOT, "exported %,d events (%,d read, %,d counting for nothing) from %s%s,"
                        + " %s .. %s, to %s%n", s.rowsWritten(), s.eventsRead(), s.skipped(), source,
                from == null ? "" : " since " + from, s.first(), s.last(), s.file());
    }

    /**
     * An instant, a UTC date, or an ISO-8601 age before {@code clock}'s now.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static Instant parseSince(String text, Clock clock) {
        String t = text.strip();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                String upper = t.toUpperCase(Locale.ROOT);
                if (upper.contains("T")) {
                    Duration d = Duration.parse(upper);
                    if (d.isNegative()) {
                        throw new DateTimeException("negative");
                    }
                    return clock.instant().minus(d);
                }
                Period p = Period.parse(upper);
                if (p.isNegative()) {
                    throw new DateTimeException("negative");
                }
                return clock.instant().atZone(ZoneOffset.UTC).minus(p).toInstant();
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(t);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--since '" + text + "' is not an instant (2026-01-31T00:00:00Z),"
                    + " a date (2026-01-31) or a positive age (P90D, PT12H)");
        }
    }
}
