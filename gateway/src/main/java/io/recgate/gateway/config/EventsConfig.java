package io.recgate.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Event ingestion limits. Immutable; built and validated by {@link ConfigLoader}.
 *
 * @param maxBatchSize   most events in one {@code POST /v1/events}; more is answered 400
 * @param minRating      smallest {@code value} of a {@code rate} event (inclusive)
 * @param maxRating      largest {@code value} of a {@code rate} event (inclusive)
 * @param maxFutureSkew  how far past the server clock an event timestamp may be (client clock skew)
 * @param maxIdLength    longest user or item id, in chars
 */
public record EventsConfig(int maxBatchSize, double minRating, double maxRating, Duration maxFutureSkew,
                           int maxIdLength) {

    public EventsConfig {
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    }
}
