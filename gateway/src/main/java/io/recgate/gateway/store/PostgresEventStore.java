package io.recgate.gateway.store;

import io.recgate.gateway.config.Secrets;
import io.recgate.gateway.config.StoreConfig;
import io.recgate.gateway.events.Event;
import io.recgate.gateway.events.EventStore;
import io.recgate.core.events.EventSchema;
import io.recgate.core.events.EventType;
import io.recgate.gateway.health.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link EventStore} in PostgreSQL through the reactive client: table {@code recgate_events}, one
 * transaction per append (all or none; acknowledged after commit, so durable with the server's
 * default {@code synchronous_commit}).
 *
 * <p>The schema is migrated at start and before the first append after a failure, idempotently and
 * safely from several gateways at once (a transaction holding an advisory lock applies the missing
 * versions recorded in {@code recgate_schema_version}). An unreachable server does not stop the
 * gateway: appends fail (the HTTP layer answers 503, nothing is acknowledged) and readiness shows
 * the {@code postgres} condition down until a call or health check succeeds again. Thread-safe.
 */
public final class PostgresEventStore implements EventStore {

    /** Readiness condition and metrics name. */
    public static final String NAME = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventStore.class);
    private static final long MIGRATION_LOCK = 0x7265636761746531L; // "recgate1"
    /** The columns every read and write names, in this order (the table is core's {@link EventSchema}). */
    private static final String COLUMNS = String.join(", ", EventSchema.USER_ID, EventSchema.ITEM_ID,
            EventSchema.EVENT_TYPE, EventSchema.VALUE, EventSchema.EVENT_TIME);
    private static final String INSERT = "INSERT INTO " + EventSchema.TABLE + " (" + COLUMNS + ") "
            + "VALUES ($1, $2, $3, $4, $5)";
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("CREATE TABLE " + EventSchema.TABLE + " ("
                            + "id BIGSERIAL PRIMARY KEY, "
                            + EventSchema.USER_ID + " TEXT NOT NULL, "
                            + EventSchema.ITEM_ID + " TEXT NOT NULL, "
                            + EventSchema.EVENT_TYPE + " TEXT NOT NULL, "
                            + EventSchema.VALUE + " DOUBLE PRECISION, "
                            + EventSchema.EVENT_TIME + " TIMESTAMPTZ NOT NULL, "
                            + "received_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                    "CREATE INDEX recgate_events_user_idx ON " + EventSchema.TABLE + " (" + EventSchema.USER_ID + ", id)"));

    private final Pool pool;
    private final String redactedUri;
    private final Readiness.Condition condition;
    private final long healthTimeoutMillis;
    private volatile Future<Void> schema;

    private PostgresEventStore(Pool pool, String redactedUri, Readiness.Condition condition, long healthTimeoutMillis) {
        this.pool = pool;
        this.redactedUri = redactedUri;
        this.condition = condition;
        this.healthTimeoutMillis = healthTimeoutMillis;
    }

    /**
     * Creates the pool (no connection yet) for {@code postgresql://user:password@host:port/db}.
     *
     * @param condition readiness condition to keep up to date (register it optional)
     * @throws IllegalArgumentException if the URI cannot be parsed (the message does not echo it)
     */
    public static PostgresEventStore create(Vertx vertx, String uri, StoreConfig config, Readiness.Condition condition) {
        PgConnectOptions connect;
        try {
            connect = PgConnectOptions.fromUri(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid Postgres URL " + Secrets.redactUri(uri));
        }
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.postgresPoolSize())
                        .setConnectionTimeout(timeoutMillis).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                        .setMaxWaitQueueSize(1024))
                .with(new NetClientOptions().setConnectTimeout(timeoutMillis))
                .connectingTo(connect)
                .using(vertx)
                .build();
        condition.down("not connected yet");
        return new PostgresEventStore(pool, Secrets.redactUri(uri), condition,
                Math.max(1, config.connectTimeout().plus(config.commandTimeout()).toMillis()));
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Migrates the schema now. Never fails: an unreachable server is logged and shown in readiness,
     * and the migration is retried before the next append.
     */
    public Future<Void> start() {
        return ensureSchema().otherwiseEmpty();
    }

    private Future<Void> ensureSchema() {
        Future<Void> current = schema;
        if (current != null && !current.failed()) {
            return current;
        }
        synchronized (this) {
            if (schema == null || schema.failed()) {
                schema = pool.withTransaction(this::migrate)
                        .onSuccess(v -> condition.up("connected to " + redactedUri + ", schema v" + MIGRATIONS.size()))
                        .onFailure(e -> down("schema migration", e));
            }
            return schema;
        }
    }

    private Future<Void> migrate(SqlConnection conn) {
        return conn.query("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")").execute()
                .compose(r -> conn.query("CREATE TABLE IF NOT EXISTS recgate_schema_version ("
                        + "version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())").execute())
                .compose(r -> conn.query("SELECT coalesce(max(version), 0) AS v FROM recgate_schema_version").execute())
                .compose(rows -> {
                    int current = rows.iterator().next().getInteger("v");
                    Future<Void> chain = Future.succeededFuture();
                    for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                        int version = v;
                        for (String sql : MIGRATIONS.get(version - 1)) {
                            chain = chain.compose(x -> conn.query(sql).execute().mapEmpty());
                        }
                        chain = chain.compose(x -> conn.preparedQuery("INSERT INTO recgate_schema_version (version) VALUES ($1)")
                                .execute(Tuple.of(version)).mapEmpty());
                        LOG.info("Postgres {}: applying schema version {}", redactedUri, version);
                    }
                    return chain;
                });
    }

    @Override
    public Future<Void> append(List<Event> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> rows = new ArrayList<>(events.size());
        for (Event e : events) {
            rows.add(Tuple.of(e.userId(), e.itemId(), e.type().wireName(), e.value(),
                    OffsetDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC)));
        }
        return ensureSchema()
                .compose(v -> pool.withTransaction(conn -> conn.preparedQuery(INSERT).executeBatch(rows)))
                .<Void>mapEmpty()
                .onSuccess(v -> {
                    if (!condition.isUp()) {
                        condition.up("connected to " + redactedUri);
                    }
                })
                .onFailure(e -> down("append", e));
    }

    @Override
    public Future<Long> replay(int maxEvents, Consumer<Event> sink) {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("maxEvents " + maxEvents + " must be >= 0");
        }
        if (maxEvents == 0) {
            return Future.succeededFuture(0L);
        }
        String sql = "SELECT " + COLUMNS + " FROM "
                + "(SELECT * FROM " + EventSchema.TABLE + " ORDER BY id DESC LIMIT $1) newest ORDER BY id";
        return ensureSchema().compose(v -> pool.withTransaction(conn -> conn.prepare(sql).compose(ps -> {
            Promise<Long> done = Promise.promise();
            long[] count = {0};
            RowStream<Row> stream = ps.createStream(512, Tuple.of(maxEvents));
            stream.exceptionHandler(done::tryFail);
            stream.endHandler(x -> done.tryComplete(count[0]));
            stream.handler(row -> {
                EventType type = EventType.fromWire(row.getString("event_type")).orElseThrow(() ->
                        new IllegalStateException("unknown event_type '" + row.getString("event_type") + "' in recgate_events"));
                sink.accept(new Event(row.getString("user_id"), row.getString("item_id"), type,
                        row.getDouble("value"), row.getOffsetDateTime("event_time").toInstant()));
                count[0]++;
            });
            return done.future();
        })));
    }

    /** Events stored for a user, newest first, at most {@code limit}: for inspection and tests. */
    public Future<List<Event>> eventsOf(String userId, int limit) {
        return ensureSchema().compose(v -> pool.preparedQuery(
                        "SELECT " + COLUMNS + " FROM " + EventSchema.TABLE + " WHERE " + EventSchema.USER_ID
                                + " = $1 ORDER BY id DESC LIMIT $2")
                .execute(Tuple.of(userId, limit))
                .map(rows -> {
                    List<Event> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(new Event(row.getString("user_id"), row.getString("item_id"),
                                EventType.fromWire(row.getString("event_type")).orElseThrow(), row.getDouble("value"),
                                row.getOffsetDateTime("event_time").toInstant()));
                    }
                    return out;
                }));
    }

    /** Runs {@code SELECT 1} and updates the readiness condition; never fails. */
    public Future<Void> checkHealth() {
        return pool.query("SELECT 1").execute()
                .timeout(healthTimeoutMillis, TimeUnit.MILLISECONDS)
                .<Void>mapEmpty()
                .onSuccess(v -> condition.up("connected to " + redactedUri))
                .onFailure(e -> down("health check", e))
                .otherwiseEmpty();
    }

    /** Whether the last call or health check succeeded. */
    public boolean isUp() {
        return condition.isUp();
    }

    private void down(String operation, Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (condition.isUp() || !condition.detail().endsWith(reason)) {
            LOG.warn("Postgres {} {} failed: {}", redactedUri, operation, reason);
        }
        condition.down("unavailable (" + redactedUri + "): " + reason);
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }
}
