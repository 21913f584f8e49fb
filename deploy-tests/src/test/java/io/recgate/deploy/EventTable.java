package io.recgate.deploy;

import io.recgate.gateway.config.ConfigLoader;
import io.recgate.gateway.events.Event;
import io.recgate.core.events.EventType;
import io.recgate.gateway.health.Readiness;
import io.recgate.gateway.store.PostgresEventStore;
import io.recgate.indexbuilder.events.PostgresUrl;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL holding the gateway's event table, created and filled by the gateway's own
 * {@link PostgresEventStore} (schema migration included), so the index builder's export reads
 * exactly what gateways write. Embedded (zonky) unless {@code RECGATE_TEST_PG_URL} names a server
 * (then its event tables are dropped first: point it at a scratch database).
 */
final class EventTable implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final String url;
    private final Vertx vertx = Vertx.vertx();

    private EventTable(EmbeddedPostgres embedded, String url) {
        this.embedded = embedded;
        this.url = url;
    }

    static EventTable start() throws IOException {
        String external = System.getenv("RECGATE_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            PostgresUrl db = PostgresUrl.parse(external, null);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.properties(10)); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS recgate_events, recgate_schema_version");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reset " + db + ": " + db.mask(e.getMessage()), e);
            }
            return new EventTable(null, external);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        return new EventTable(pg, "postgresql://postgres:postgres@127.0.0.1:" + pg.getPort() + "/postgres");
    }

    /** The URL in the gateway's format (as the Secret holds it). */
    String url() {
        return url;
    }

    /**
     * Stores a generated {@code interactions.csv} ({@code user_id,item_id,rating,timestamp}) as
     * {@code rate} events through the gateway's store, moved in time so the newest is an hour ago
     * (the job exports a recent window). Returns the number stored.
     */
    int storeAsGatewayEvents(Path interactions) throws Exception {
        List<String[]> rows = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        try (BufferedReader in = Files.newBufferedReader(interactions)) {
            String header = in.readLine();
            if (!header.equals("user_id,item_id,rating,timestamp")) {
                throw new IllegalStateException("unexpected header " + header);
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                rows.add(f);
                newest = Math.max(newest, Long.parseLong(f[3]));
            }
        }
        long shift = Instant.now().getEpochSecond() - 3600 - newest;
        // Generous timeouts: this loads test data through the gateway's store and must not fail
        // because the machine is busy (the 500 ms command default is a serving budget, not a test's).
        PostgresEventStore store = PostgresEventStore.create(vertx, url,
                ConfigLoader.load(Optional.empty(), Map.of(), Map.of("store.connectTimeout", "60s",
                        "store.commandTimeout", "60s")).store(),
                new Readiness().register(PostgresEventStore.NAME, false));
        try {
            store.start().await(60, TimeUnit.SECONDS);
            if (!store.isUp()) {
                throw new IllegalStateException("the gateway's store could not migrate " + url);
            }
            List<Event> batch = new ArrayList<>();
            for (String[] f : rows) {
                batch.add(new Event(f[0], f[1], EventType.RATE, Double.parseDouble(f[2]),
                        Instant.ofEpochSecond(Long.parseLong(f[3]) + shift)));
                if (batch.size() == 2_000) {
                    store.append(batch).await(60, TimeUnit.SECONDS);
                    batch = new ArrayList<>();
                }
            }
            store.append(batch).await(60, TimeUnit.SECONDS);
        } finally {
            store.close().await(30, TimeUnit.SECONDS);
        }
        return rows.size();
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
        if (embedded != null) {
            embedded.close();
        }
    }
}
