package io.recgate.gateway.server;

import io.recgate.gateway.config.GatewayConfig;
import io.recgate.gateway.events.EventParser;
import io.recgate.gateway.events.EventsRoutes;
import io.recgate.gateway.events.KnownItems;
import io.recgate.gateway.health.HealthRoutes;
import io.recgate.gateway.http.OpenApiRoutes;
import io.recgate.gateway.health.Readiness;
import io.recgate.gateway.http.GatewayRouter;
import io.recgate.gateway.http.RouteRegistrar;
import io.recgate.gateway.metrics.GatewayMetrics;
import io.recgate.gateway.metrics.MetricsRoutes;
import io.recgate.gateway.store.Stores;
import io.recgate.gateway.web.WebPageRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Assembles and runs one gateway: the {@code recgate-io} worker pool, metrics, readiness, the stores,
 * the router (health, metrics, OpenAPI, the web page, events, then each extension's routes) and the HTTP verticle.
 * Start and stop it from a main or from tests:
 * <pre>{@code
 * GatewayServer server = GatewayServer.builder(config)
 *         .knownItems(id -> bundle.get().hasItem(id))
 *         .extension(s -> new RecommendRoutes(s.stores().recent(), s.stores().cache(), ...))
 *         .build(vertx);
 * server.start().onSuccess(s -> s.readiness().condition(Readiness.BUNDLE).up("bundle v3"));
 * }</pre>
 * Getters other than {@link #config()} are valid only after {@link #start()} succeeded. Thread-safe.
 */
public final class GatewayServer {

    /** Name of the bounded worker pool for blocking I/O. */
    public static final String IO_POOL = "recgate-io";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final Vertx vertx;
    private final GatewayConfig config;
    private final KnownItems knownItems;
    private final Clock clock;
    private final List<Function<GatewayServer, RouteRegistrar>> extensions;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final Readiness readiness = new Readiness();
    /** Read here, on the thread that builds the server, so nothing reads files on an event loop. */
    private final OpenApiRoutes openApi = new OpenApiRoutes();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile WorkerExecutor io;
    private volatile Stores stores;
    private final List<String> deploymentIds = new CopyOnWriteArrayList<>();
    private final List<HttpServerVerticle> verticles = new CopyOnWriteArrayList<>();
    private volatile int port = -1;

    private GatewayServer(Builder b, Vertx vertx) {
        this.vertx = vertx;
        this.config = b.config;
        this.knownItems = b.knownItems;
        this.clock = b.clock;
        this.extensions = List.copyOf(b.extensions);
    }

    /** A builder for this configuration. */
    public static Builder builder(GatewayConfig config) {
        return new Builder(config);
    }

    /**
     * Opens the stores, builds the router and binds the port.
     *
     * @return this server once it accepts requests; fails if a store cannot be opened or the port bound
     *         (whatever was opened is closed again), or with {@link IllegalStateException} if started before
     */
    public Future<GatewayServer> start() {
        if (!started.compareAndSet(false, true)) {
            return Future.failedFuture(new IllegalStateException("a gateway server starts once; build a new one"));
        }
        io = vertx.createSharedWorkerExecutor(IO_POOL, config.store().ioPoolSize());
        return Stores.open(vertx, config.store(), io, readiness, metrics).compose(opened -> {
            stores = opened;
            List<RouteRegistrar> registrars = new ArrayList<>();
            registrars.add(new HealthRoutes(readiness));
            registrars.add(new MetricsRoutes(metrics));
            registrars.add(openApi);
            registrars.add(new WebPageRoutes());
            registrars.add(new EventsRoutes(new EventParser(config.events(), clock), knownItems, opened.events(),
                    opened.recent(), opened.cache(), metrics, config.store().recentPerUser(),
                    config.events().maxIdLength()));
            for (Function<GatewayServer, RouteRegistrar> extension : extensions) {
                registrars.add(extension.apply(this));
            }
            // One router per server instance (each runs on its own event loop); they share the
            // stores, the metrics and so the in-flight count.
            List<HttpServerVerticle> verticles = new ArrayList<>();
            List<Future<String>> deployed = new ArrayList<>();
            for (int i = 0; i < config.http().instances(); i++) {
                HttpServerVerticle verticle = new HttpServerVerticle(config.http(),
                        GatewayRouter.create(vertx, config.http(), metrics, registrars));
                verticles.add(verticle);
                this.verticles.add(verticle);
                deployed.add(vertx.deployVerticle(verticle).onSuccess(deploymentIds::add));
            }
            return Future.all(deployed).map(all -> {
                port = verticles.get(0).actualPort();
                LOG.info("gateway listening on {}:{} with {} event loop(s) (events: {}, recent: {}, cache: {})",
                        config.http().host(), port, config.http().instances(), opened.events().name(),
                        opened.recent().name(), opened.cache().name());
                return this;
            });
        }).recover(e -> stop().transform(x -> Future.failedFuture(e)));
    }

    /** Readiness condition that a {@link #drain} turns down, so load balancers stop sending requests. */
    public static final String SHUTDOWN = "shutdown";

    /**
     * Graceful shutdown (SIGTERM): readiness turns false (required condition {@link #SHUTDOWN}
     * down), the port stops accepting connections, the requests in progress finish, each
     * connection closing after its current response, for at most {@code grace}; then
     * {@link #stop()}. Requests still running after {@code grace} are cut. Never fails.
     *
     * @param grace the longest wait for requests in progress; the request deadline
     *              ({@code http.requestTimeout}) already bounds each of them
     */
    public Future<Void> drain(Duration grace) {
        readiness.register(SHUTDOWN, true).down("draining: refusing new connections, finishing requests in progress");
        LOG.info("draining: {} request(s) in flight, up to {} ms", metrics.inFlight().get(), grace.toMillis());
        List<Future<Void>> closing = new ArrayList<>();
        for (HttpServerVerticle v : verticles) {
            closing.add(v.shutdown(grace).otherwiseEmpty());
        }
        verticles.clear();
        return Future.join(closing).otherwiseEmpty().mapEmpty().compose(v -> stop());
    }

    /** Stops serving, then closes the stores and the worker pool. Idempotent; never fails. */
    public Future<Void> stop() {
        List<Future<Void>> undeploying = new ArrayList<>();
        for (String id : deploymentIds) {
            undeploying.add(vertx.undeploy(id).otherwiseEmpty());
        }
        deploymentIds.clear();
        Future<Void> undeployed = Future.join(undeploying).mapEmpty();
        return undeployed.compose(v -> {
            Stores s = stores;
            stores = null;
            return s == null ? Future.<Void>succeededFuture() : s.close().otherwiseEmpty();
        }).compose(v -> {
            WorkerExecutor pool = io;
            io = null;
            return pool == null ? Future.<Void>succeededFuture() : pool.close().otherwiseEmpty();
        });
    }

    /** The bound HTTP port (the real one when configured as 0). */
    public int port() {
        return port;
    }

    /** The configuration it was built with. */
    public GatewayConfig config() {
        return config;
    }

    /** The Vert.x instance it runs on (owned by the caller). */
    public Vertx vertx() {
        return vertx;
    }

    /** Readiness conditions; the bundle loader sets {@link Readiness#BUNDLE}. */
    public Readiness readiness() {
        return readiness;
    }

    /** The metrics registry behind {@code /metrics}. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The opened stores. */
    public Stores stores() {
        return stores;
    }

    /** The bounded {@value #IO_POOL} worker pool (blocking I/O only). */
    public WorkerExecutor ioPool() {
        return io;
    }

    /** Collects the server's collaborators. Not thread-safe. */
    public static final class Builder {
        private final GatewayConfig config;
        private KnownItems knownItems = KnownItems.any();
        private Clock clock = Clock.systemUTC();
        private final List<Function<GatewayServer, RouteRegistrar>> extensions = new ArrayList<>();

        private Builder(GatewayConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Which item ids events may name; default {@link KnownItems#any()}. */
        public Builder knownItems(KnownItems knownItems) {
            this.knownItems = Objects.requireNonNull(knownItems, "knownItems");
            return this;
        }

        /** Clock for event arrival times; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Adds routes built from the started server (its stores, metrics, readiness, pools); called
         * during {@link #start()}, in the order added, after the built-in routes.
         */
        public Builder extension(Function<GatewayServer, RouteRegistrar> extension) {
            extensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        /** The server, on the given Vert.x instance (the caller owns and closes it). */
        public GatewayServer build(Vertx vertx) {
            return new GatewayServer(this, Objects.requireNonNull(vertx, "vertx"));
        }
    }
}
