package io.recgate.gateway.server;

import io.recgate.gateway.config.HttpConfig;
import io.recgate.gateway.http.InvalidRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Serves a router on the configured host and port (requests that do not parse, or whose request line
 * or headers exceed Vert.x's limits, get the gateway's JSON error from {@link InvalidRequestHandler}); several instances (one per event loop) share
 * the port and Vert.x spreads connections over them. Config and router come through the constructor;
 * {@link #start()} completes when the socket is bound (its port is then {@link #actualPort()}).
 * Undeploying closes the server.
 */
public final class HttpServerVerticle extends VerticleBase {

    private final HttpConfig config;
    private final Router router;
    private volatile int actualPort = -1;
    private volatile HttpServer server;

    public HttpServerVerticle(HttpConfig config, Router router) {
        this.config = Objects.requireNonNull(config, "config");
        this.router = Objects.requireNonNull(router, "router");
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                // Port 0 asks for any free port; Vert.x spells "one random port shared by every
                // instance" as a negative port, so all instances serve the same one.
                .setPort(config.port() == 0 ? -1 : config.port())
                .setCompressionSupported(true);
        return vertx.createHttpServer(options)
                .requestHandler(router)
                .invalidRequestHandler(new InvalidRequestHandler(options.getMaxInitialLineLength(), options.getMaxHeaderSize()))
                .listen()
                .onSuccess(bound -> {
                    server = bound;
                    actualPort = bound.actualPort();
                })
                .map(HttpServer::actualPort);
    }

    /**
     * Stops accepting connections and lets the requests in progress finish: each HTTP/1 connection
     * is closed once its current response is written; connections still open after {@code grace}
     * are closed. Completes when every connection is closed (at once if the server never started).
     * Thread-safe; undeploying afterwards is still needed and then closes nothing more.
     */
    public Future<Void> shutdown(Duration grace) {
        HttpServer s = server;
        return s == null ? Future.succeededFuture() : s.shutdown(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** The bound port (useful with port 0), or -1 before start. */
    public int actualPort() {
        return actualPort;
    }
}
