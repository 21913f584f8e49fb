package io.recgate.gateway.http;

import java.util.Objects;

/**
 * A client-visible failure: the HTTP status, a stable machine-readable {@code code} and a message
 * safe to show (no secrets, no internals). {@link FailureHandler} renders it as
 * {@code {"error":{"code":...,"message":...}}}. Stackless: it is expected control flow, so it is
 * cheap to create and never logged with a trace. Immutable.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    /**
     * @param status  HTTP status, 400..599
     * @param code    stable snake_case code, e.g. {@code invalid_parameter}
     * @param message human-readable, names the offending field and value
     * @throws IllegalArgumentException on a status outside 400..599
     */
    public ApiException(int status, String code, String message) {
        this(status, code, message, -1);
    }

    private ApiException(int status, String code, String message, long retryAfterSeconds) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not an error status (400..599)");
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 with the given code. */
    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** 404 {@code not_found}. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    /**
     * 503 with a Retry-After: the server cannot take this request now (overload, a store down, the
     * deadline passed). {@code retryAfterSeconds <= 0} means "use the configured default".
     */
    public static ApiException unavailable(String code, String message, long retryAfterSeconds) {
        return new ApiException(503, code, message, retryAfterSeconds);
    }

    /** 429 {@code too_many_requests} with a Retry-After, as for {@link #unavailable}. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, "too_many_requests", message, retryAfterSeconds);
    }

    /** HTTP status, 400..599. */
    public int status() {
        return status;
    }

    /** Stable machine-readable code. */
    public String code() {
        return code;
    }

    /** Seconds for the Retry-After header; {@code <= 0} means the configured default (sent with 429/503 only). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
