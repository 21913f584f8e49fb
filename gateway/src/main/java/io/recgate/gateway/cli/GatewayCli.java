package io.recgate.gateway.cli;

import io.recgate.gateway.config.ConfigException;
import io.recgate.gateway.config.ConfigLoader;
import io.recgate.gateway.config.GatewayConfig;
import io.recgate.gateway.recommend.RecommendExtension;
import io.recgate.gateway.server.GatewayServer;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code recgate serve [options]} (the launcher runs the gateway jar with {@code serve} and the
 * rest of its arguments, so usage help names the command as users type it): builds the
 * configuration (defaults &lt; {@code --config} file &lt; {@code RECGATE_*} environment &lt; these
 * flags), starts a {@link GatewayServer} and runs until the process is stopped. Exit code 2 on a
 * configuration error (all errors printed).
 */
@Command(name = "recgate", mixinStandardHelpOptions = true, subcommands = GatewayCli.Serve.class,
        description = "Recgate online gateway.")
public final class GatewayCli {

    /** Entry point. */
    public static void main(String[] args) {
        int code = new CommandLine(new GatewayCli()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve HTTP until stopped. Every option may also come from the config file or RECGATE_* variables.")
    static final class Serve implements Callable<Integer> {

        @Option(names = "--config", description = "JSON config file")
        Path configFile;

        @Option(names = "--host", description = "interface to bind (http.host)")
        String host;

        @Option(names = "--port", description = "HTTP port, 0 for any free one (http.port)")
        Integer port;

        @Option(names = "--data-dir", description = "directory of the embedded event log (store.dataDir)")
        Path dataDir;

        @Option(names = "--postgres", paramLabel = "URL",
                description = "postgresql://user:password@host:port/db; events go there instead of the embedded log")
        String postgres;

        @Option(names = "--redis", paramLabel = "URL",
                description = "redis://host:port; recent interactions and response cache go there instead of memory")
        String redis;

        @Option(names = "--admin-token", description = "bearer token of the admin routes (prefer RECGATE_HTTP_ADMIN_TOKEN:"
                + " flags are visible in the process list)")
        String adminToken;

        @Option(names = "--bundles", paramLabel = "DIR", description = "bundle root to serve; its current version is loaded and watched (bundles.dir)")
        Path bundles;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any config key, e.g. --set http.maxInFlight=256")
        Map<String, String> extra = new LinkedHashMap<>();

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> flags = new LinkedHashMap<>(extra);
            putIf(flags, "http.host", host);
            putIf(flags, "http.port", port);
            putIf(flags, "store.dataDir", dataDir);
            putIf(flags, "store.postgresUrl", postgres);
            putIf(flags, "store.redisUrl", redis);
            putIf(flags, "http.adminToken", adminToken);
            putIf(flags, "bundles.dir", bundles);
            GatewayConfig config;
            try {
                config = ConfigLoader.fromSystem(Optional.ofNullable(configFile), flags);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            Vertx vertx = Vertx.vertx();
            GatewayServer.Builder builder = GatewayServer.builder(config);
            RecommendExtension recommend = config.bundlesDir().map(RecommendExtension::new).orElse(null);
            if (recommend != null) {
                builder.knownItems(recommend.knownItems()).extension(recommend);
            }
            GatewayServer server = builder.build(vertx);
            CountDownLatch stopped = new CountDownLatch(1);
            try {
                server.start().await(1, TimeUnit.MINUTES);
            } catch (Exception e) {
                System.err.println("gateway failed to start: " + e.getMessage());
                vertx.close();
                return 1;
            }
            System.out.println("recgate gateway listening on port " + server.port()
                    + " (not ready until a bundle is loaded: see /health/ready)");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    // Readiness false, no new connections, requests in progress finish: each is
                    // bounded by the request deadline, so that plus a margin bounds the drain.
                    server.drain(config.http().requestTimeout().plusSeconds(5)).await(60, TimeUnit.SECONDS);
                    if (recommend != null) {
                        recommend.stop().await(30, TimeUnit.SECONDS);
                    }
                    // Closed from this (non-Vert.x) thread: a close composed on an event loop would try
                    // to complete on a loop that the close itself terminates.
                    vertx.close().await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    System.err.println("unclean shutdown: " + e.getMessage());
                } finally {
                    stopped.countDown();
                }
            }, "recgate-shutdown"));
            stopped.await();
            return 0;
        }

        private static void putIf(Map<String, String> flags, String key, Object value) {
            if (value != null) {
                flags.put(key, value.toString());
            }
        }
    }
}
