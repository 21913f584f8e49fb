package io.recgate.gateway.http;

import io.recgate.gateway.metrics.GatewayMetrics;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * First handler of every request: bounds in-flight requests, starts the request deadline and times
 * the request for metrics.
 * <ul>
 *   <li>Beyond {@code maxInFlight} requests being handled, the request is refused at once with 503
 *       {@code overloaded} and Retry-After (nothing queues without bound).</li>
 *   <li>If no response has started {@code requestTimeout} after arrival, the request is answered 503
 *       {@code deadline_exceeded} with Retry-After (503 rather than 504: the gateway itself, not an
 *       upstream, ran out of time, and the client may retry). Handlers still running then find the
 *       response written; {@link Responses} then writes nothing.</li>
 * </ul>
 * Probe paths (health, metrics) are exempt from both: a liveness probe refused under load would get
 * a busy but healthy process restarted. Thread-safe (the counter is shared by all event loops).
 */
final class AdmissionHandler implements PlatformHandler {

    private final Vertx vertx;
    private final int maxInFlight;
    private final long timeoutMillis;
    private final long timeoutNanos;
    private final GatewayMetrics metrics;
    private final AtomicInteger inFlight;
    private final Set<String> exemptPaths;

    AdmissionHandler(Vertx vertx, int maxInFlight, Duration requestTimeout, GatewayMetrics metrics, Set<String> exemptPaths) {
        this.exemptPaths = Set.copyOf(exemptPaths);
        this.vertx = vertx;
        this.maxInFlight = maxInFlight;
        this.timeoutMillis = Math.max(1, requestTimeout.toMillis());
        this.timeoutNanos = requestTimeout.toNanos();
        this.metrics = metrics;
        this.inFlight = metrics.inFlight();
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        // A client can send any method token: unknown ones share one label, so labels stay bounded.
        String method = ctx.request().method().name();
        String methodLabel = FailureHandler.KNOWN_METHODS.contains(method) ? method : "OTHER";
        ctx.addEndHandler(v -> metrics.recordRequest(RequestAttributes.route(ctx), methodLabel,
                ctx.response().getStatusCode(), System.nanoTime() - start));
        if (exemptPaths.contains(ctx.request().path())) {
            ctx.next();
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            metrics.recordRejected("overload");
            ctx.fail(ApiException.unavailable("overloaded",
                    "server is at its limit of " + maxInFlight + " requests in flight; retry later", 0));
            return;
        }
        ctx.put(RequestAttributes.DEADLINE_NANOS, start + timeoutNanos);
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (!ctx.response().headWritten() && !ctx.response().closed()) {
                metrics.recordRejected("deadline");
                ctx.fail(ApiException.unavailable("deadline_exceeded",
                        "request not answered within " + timeoutMillis + " ms", 0));
            }
        });
        ctx.addEndHandler(v -> {
            vertx.cancelTimer(timer);
            inFlight.decrementAndGet();
        });
        ctx.next();
    }
}
