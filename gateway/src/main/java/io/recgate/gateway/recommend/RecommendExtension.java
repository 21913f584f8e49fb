package io.recgate.gateway.recommend;

import io.recgate.core.bundle.BundleRoot;
import io.recgate.gateway.bundle.BundleManager;
import io.recgate.gateway.bundle.BundleRoutes;
import io.recgate.core.serving.ServableBundle;
import io.recgate.gateway.config.GatewayConfig;
import io.recgate.gateway.events.KnownItems;
import io.recgate.gateway.http.RouteRegistrar;
import io.recgate.gateway.server.GatewayServer;
import io.recgate.gateway.web.ModelRoutes;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Wires the bundle manager and the recommendation routes into a {@link GatewayServer}:
 * <pre>{@code
 * RecommendExtension rec = new RecommendExtension(bundlesDir);
 * GatewayServer server = GatewayServer.builder(config).knownItems(rec.knownItems()).extension(rec).build(vertx);
 * server.start();             // starts loading the current bundle in the background
 * rec.firstLoad();            // completes when the first load attempt finished
 * }</pre>
 * One instance per server. Thread-safe.
 */
public final class RecommendExtension implements Function<GatewayServer, RouteRegistrar> {

    private final Path bundlesDir;
    private volatile BundleManager manager;
    private volatile WorkerExecutor pool;
    private volatile Future<ServableBundle> firstLoad = Future.failedFuture(new IllegalStateException("server not started"));

    /** @param bundlesDir the bundle root to serve and watch */
    public RecommendExtension(Path bundlesDir) {
        this.bundlesDir = Objects.requireNonNull(bundlesDir, "bundlesDir");
    }

    /** Item ids of the live bundle (any id before the first load), for the events route. */
    public KnownItems knownItems() {
        return id -> {
            BundleManager m = manager;
            return m == null || m.knownItems().contains(id);
        };
    }

    @Override
    public RouteRegistrar apply(GatewayServer server) {
        GatewayConfig config = server.config();
        BundleManager m = new BundleManager(server.vertx(), server.ioPool(), BundleRoot.at(bundlesDir),
                server.readiness(), server.metrics(), config.recommend().pollInterval(),
                config.recommend().warmupQueries());
        manager = m;
        pool = server.vertx().createSharedWorkerExecutor(RecommendRoutes.POOL, config.recommend().poolSize());
        RecommendRoutes recommend = new RecommendRoutes(m::live, server.stores().recent(), server.stores().cache(),
                server.metrics(), pool, config.http(), config.recommend(), config.store().recentPerUser(),
                config.events().maxIdLength());
        BundleRoutes admin = new BundleRoutes(m);
        ModelRoutes model = new ModelRoutes(m::live, pool);
        firstLoad = m.start();
        return routes -> {
            admin.register(routes);
            recommend.register(routes);
            model.register(routes);
        };
    }

    /** The first load of the root's current version (null result when there was none); fails before start. */
    public Future<ServableBundle> firstLoad() {
        return firstLoad;
    }

    /** The bundle manager; null before the server started. */
    public BundleManager manager() {
        return manager;
    }

    /** Stops polling and closes the worker pool. Call after {@link GatewayServer#stop()}. */
    public Future<Void> stop() {
        BundleManager m = manager;
        if (m != null) {
            m.stop();
        }
        WorkerExecutor p = pool;
        pool = null;
        return p == null ? Future.succeededFuture() : p.close();
    }
}
