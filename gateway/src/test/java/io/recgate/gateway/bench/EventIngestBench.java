package io.recgate.gateway.bench;

import io.recgate.gateway.server.GatewayServer;
import io.recgate.gateway.store.EmbeddedEventLog;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: measures {@code POST /v1/events} (one event per request) against the embedded,
 * fsynced log over loopback, closed loop with a fixed number of requests in flight, and prints
 * throughput, latency percentiles and events per fsync (group commit). Run from the repository root:
 * <pre>
 * mvn -q -pl gateway dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp gateway/target/test-classes:gateway/target/classes:$(cat /tmp/cp.txt) \
 *     io.recgate.gateway.bench.EventIngestBench [requests] [concurrency...]
 * </pre>
 */
public final class EventIngestBench {

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int[] concurrencies = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 16, 64};
        Vertx vertx = Vertx.vertx();
        try {
            for (int concurrency : concurrencies) {
                for (int run = 0; run < 3; run++) {
                    runOnce(vertx, concurrency == 1 ? Math.min(requests, 2_000) : requests, concurrency);
                }
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void runOnce(Vertx vertx, int requests, int concurrency) throws Exception {
        Path dir = Files.createTempDirectory("recgate-bench");
        GatewayServer server = GatewayServer.builder(TestGateways.config(dir, Map.of("http.maxInFlight", "4096")))
                .build(vertx);
        server.start().await(20, TimeUnit.SECONDS);
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Promise<Void> finished = Promise.promise();
        long start = System.nanoTime();
        Runnable[] send = new Runnable[1];
        send[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= requests) {
                return;
            }
            long t0 = System.nanoTime();
            client.post("/v1/events")
                    .sendJson(new JsonObject().put("userId", "u" + (i % 1000)).put("itemId", "i" + (i % 5000)).put("type", "view"))
                    .onComplete(ar -> {
                        latencies[i] = System.nanoTime() - t0;
                        if (ar.failed() || ar.result().statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                        if (done.incrementAndGet() == requests) {
                            finished.complete();
                        } else {
                            send[0].run();
                        }
                    });
        };
        vertx.runOnContext(v -> {
            for (int c = 0; c < concurrency; c++) {
                send[0].run();
            }
        });
        finished.future().await(10, TimeUnit.MINUTES);
        long elapsed = System.nanoTime() - start;
        long syncs = ((EmbeddedEventLog) server.stores().events()).syncCount();
        Arrays.sort(latencies);
        System.out.printf("concurrency %3d: %6d requests in %6.2f s = %7.0f events/s, p50 %6.2f ms, p99 %6.2f ms, "
                        + "fsyncs %5d (%.1f events/fsync), failed %d%n",
                concurrency, requests, elapsed / 1e9, requests / (elapsed / 1e9),
                latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6,
                syncs, (double) requests / syncs, failed.get());
        client.close();
        server.stop().await(10, TimeUnit.SECONDS);
    }
}
