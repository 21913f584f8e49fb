package io.recgate.indexbuilder.events;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL for the export tests: the one named by {@code RECGATE_TEST_PG_URL} (as in the
 * gateway's store tests) when set, else an embedded one (zonky) stopped by {@link #close()}.
 */
public final class TestPostgres implements AutoCloseable {

    /**
     * The gateway's {@code recgate_events} table, schema version 1 (PostgresEventStore's migration).
     * A copy: the index builder must not depend on the gateway; deploy-tests export from a table
     * the gateway's own migration created, which keeps this copy honest.
     */
    public static final String GATEWAY_SCHEMA_V1 = "CREATE TABLE recgate_events ("
            + "id BIGSERIAL PRIMARY KEY, user_id TEXT NOT NULL, item_id TEXT NOT NULL, event_type TEXT NOT NULL, "
            + "value DOUBLE PRECISION, event_time TIMESTAMPTZ NOT NULL, received_at TIMESTAMPTZ NOT NULL DEFAULT now())";

    private final EmbeddedPostgres embedded;
    private final String url;

    private TestPostgres(EmbeddedPostgres embedded, String url) {
        this.embedded = embedded;
        this.url = url;
    }

    public static TestPostgres start() {
        String external = System.getenv("RECGATE_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            return new TestPostgres(null, external);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new TestPostgres(pg, "postgresql://postgres:postgres@127.0.0.1:" + pg.getPort() + "/postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Postgres: " + e.getMessage(), e);
        }
    }

    /** The {@code postgresql://user:password@host:port/db} URL, as the gateway's Secret holds it. */
    public String url() {
        return url;
    }

    /** Runs SQL statements in one connection. */
    public void execute(String... sql) {
        PostgresUrl db = PostgresUrl.parse(url, null);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.properties(10)); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
