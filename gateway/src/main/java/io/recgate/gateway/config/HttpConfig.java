package io.recgate.gateway.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP front of the gateway. Immutable; built by {@link ConfigLoader}, which validates every field.
 *
 * @param host            interface to bind, e.g. {@code 0.0.0.0}
 * @param port            TCP port; 0 picks a free one (tests)
 * @param instances       HTTP server verticles, each on its own event loop, sharing the port
 * @param maxBodyBytes    largest accepted request body in bytes; larger bodies get 413
 * @param requestTimeout  deadline of one request from arrival to response; past it the request gets 503
 * @param maxInFlight     requests being handled at once; the next one gets 503 with Retry-After at once
 * @param retryAfter      the Retry-After sent with 503/429 (whole seconds, rounded up, at least 1)
 * @param maxK            largest {@code k} (results per recommendation) a request may ask for
 * @param maxCandidates   largest {@code candidates} (retrieved before reranking) a request may ask for
 * @param adminToken      bearer token of the admin routes; empty disables them. Never logged: {@link #toString()} masks it
 */
public record HttpConfig(
        String host,
        int port,
        int instances,
        long maxBodyBytes,
        Duration requestTimeout,
        int maxInFlight,
        Duration retryAfter,
        int maxK,
        int maxCandidates,
        Optional<String> adminToken) {

    public HttpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(adminToken, "adminToken");
    }

    /** Retry-After in whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }

    @Override
    public String toString() {
        return "HttpConfig[host=" + host + ", port=" + port + ", instances=" + instances + ", maxBodyBytes=" + maxBodyBytes
                + ", requestTimeout=" + requestTimeout + ", maxInFlight=" + maxInFlight
                + ", retryAfter=" + retryAfter + ", maxK=" + maxK + ", maxCandidates=" + maxCandidates
                + ", adminToken=" + (adminToken.isPresent() ? "***" : "<none>") + "]";
    }
}
