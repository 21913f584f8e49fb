package io.recgate.gateway.testing;

import io.recgate.gateway.recommend.RecommendExtension;
import io.recgate.gateway.server.GatewayServer;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gateway with the recommendation extension on a bundles root, started on a random port once its
 * first bundle is live, and a web client for it: the set-up the recommendation, swap and model
 * route tests share. Close it in {@code @AfterEach}.
 */
public final class RecommendingGateway implements AutoCloseable {

    private final GatewayServer server;
    private final RecommendExtension extension;
    private final WebClient client;

    private RecommendingGateway(GatewayServer server, RecommendExtension extension, WebClient client) {
        this.server = server;
        this.extension = extension;
        this.client = client;
    }

    /** Starts on {@code bundles} with {@link TestGateways#config} plus {@code overrides}; waits for the first bundle. */
    public static RecommendingGateway start(Vertx vertx, Path bundles, Path dataDir, Map<String, String> overrides)
            throws Exception {
        RecommendExtension extension = new RecommendExtension(bundles);
        GatewayServer server = GatewayServer.builder(TestGateways.config(dataDir, overrides))
                .knownItems(extension.knownItems()).extension(extension).build(vertx);
        server.start().await(20, TimeUnit.SECONDS);
        extension.firstLoad().await(20, TimeUnit.SECONDS);
        return new RecommendingGateway(server, extension, WebClient.create(vertx));
    }

    public GatewayServer server() {
        return server;
    }

    public RecommendExtension extension() {
        return extension;
    }

    public WebClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop().await(10, TimeUnit.SECONDS);
        extension.stop().await(10, TimeUnit.SECONDS);
    }
}
