package io.recgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The gateway's meters, in one Prometheus registry scraped at {@code /metrics}. Meter names (as
 * Prometheus shows them):
 * <ul>
 *   <li>{@code recgate_http_requests_seconds} histogram, tags route (template, or {@code unmatched}), method, status;</li>
 *   <li>{@code recgate_http_in_flight} gauge: requests being handled;</li>
 *   <li>{@code recgate_http_rejected_total} counter, tag reason ({@code overload}, {@code deadline});</li>
 *   <li>{@code recgate_events_write_seconds} histogram, tags store, outcome ({@code ok}, {@code error});</li>
 *   <li>{@code recgate_events_write_failures_total} counter, tag store;</li>
 *   <li>{@code recgate_events_accepted_total} counter: events acknowledged;</li>
 *   <li>{@code recgate_store_up} gauge (1 up, 0 down), tag store;</li>
 *   <li>{@code recgate_store_errors_total} counter, tags store, operation: failed calls of best-effort stores (Redis).</li>
 * </ul>
 * Components add their own meters through {@link #registry()}. Thread-safe.
 */
public final class GatewayMetrics {

    private static final Duration[] LATENCY_SLOS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight = new AtomicInteger();

    public GatewayMetrics() {
        Gauge.builder("recgate.http.in.flight", inFlight, AtomicInteger::get)
                .description("HTTP requests being handled").register(registry);
    }

    /** The registry, to add meters; all meters added here appear at {@code /metrics}. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Counter of requests being handled; the in-flight limiter increments and decrements it. */
    public AtomicInteger inFlight() {
        return inFlight;
    }

    /** Records one finished HTTP request. */
    public void recordRequest(String route, String method, int status, long nanos) {
        Timer.builder("recgate.http.requests")
                .description("HTTP request latency")
                .tags("route", route, "method", method, "status", Integer.toString(status))
                .serviceLevelObjectives(LATENCY_SLOS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a request refused before it was handled. */
    public void recordRejected(String reason) {
        Counter.builder("recgate.http.rejected").description("requests refused by overload protection")
                .tag("reason", reason).register(registry).increment();
    }

    /** Records one event-store append of {@code count} events. */
    public void recordEventWrite(String store, boolean ok, int count, long nanos) {
        Timer.builder("recgate.events.write")
                .description("latency of making a batch of events durable")
                .tags("store", store, "outcome", ok ? "ok" : "error")
                .serviceLevelObjectives(LATENCY_SLOS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (ok) {
            Counter.builder("recgate.events.accepted").description("events made durable and acknowledged")
                    .register(registry).increment(count);
        } else {
            Counter.builder("recgate.events.write.failures").description("event batches that could not be stored")
                    .tag("store", store).register(registry).increment();
        }
    }

    /** Counts a failed call to a best-effort store (the gateway went on without it). */
    public void recordStoreError(String store, String operation) {
        Counter.builder("recgate.store.errors").description("failed calls to best-effort stores")
                .tags("store", store, "operation", operation).register(registry).increment();
    }

    /** Publishes {@code recgate_store_up{store=name}} from {@code up}, read at each scrape. */
    public void registerStoreUp(String store, BooleanSupplier up) {
        // Strong reference: Micrometer holds gauge state weakly, and a method reference has no other owner.
        Gauge.builder("recgate.store.up", up, s -> s.getAsBoolean() ? 1 : 0)
                .strongReference(true)
                .description("1 when the store answered its last call or health check, else 0")
                .tag("store", store).register(registry);
    }
}
