package io.recgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The one place failures become responses: every route's failure handler and the router's 404/405/413
 * error handlers. Body: {@code {"error":{"code":"...","message":"..."}}}; 429/503 carry Retry-After.
 * An {@link ApiException} is rendered as is. A 4xx status failure raised by Vert.x (router 400 for a
 * request without Host, 404/405, an unknown method as 501, body handler 413) gets a fixed code and is
 * not logged. Every answer carries {@code X-Request-Id}, also for failures raised before
 * {@link RequestIds} ran; a HEAD request gets the headers only. Anything else is a bug: logged once
 * with the request id and answered 500 with a generic message naming only the request id.
 * Stateless; thread-safe.
 */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    /**
     * Methods of RFC 9110 (and PATCH): on a route without them, 405; any other method is 501
     * {@code not_implemented}, as RFC 9110 asks for a method the server does not recognize.
     */
    static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final int MAX_SHOWN_CHARS = 200;

    private final long defaultRetryAfterSeconds;
    private final long maxBodyBytes;

    /**
     * @param defaultRetryAfterSeconds Retry-After of 429/503 answers that do not set their own
     * @param maxBodyBytes             the body cap, named in 413 messages
     */
    public FailureHandler(long defaultRetryAfterSeconds, long maxBodyBytes) {
        this.defaultRetryAfterSeconds = defaultRetryAfterSeconds;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        render(ctx, toApiException(ctx));
    }

    /**
     * The router's own 400, raised before any route handler runs (a URL it cannot decode, such as
     * {@code %zz} in the query while matching path parameters); it carries no failure to inspect.
     */
    void undecodableUrl(RoutingContext ctx) {
        render(ctx, ApiException.badRequest("invalid_parameter",
                "the request URL cannot be decoded (invalid percent-encoding)"));
    }

    private void render(RoutingContext ctx, ApiException error) {
        if (ctx.response().headWritten() || ctx.response().ended() || ctx.response().closed()) {
            // A late failure (e.g. after the deadline answered): nothing can be sent any more.
            return;
        }
        if (error.status() == 429 || error.status() == 503) {
            long seconds = error.retryAfterSeconds() > 0 ? error.retryAfterSeconds() : defaultRetryAfterSeconds;
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
        }
        RequestIds.ensure(ctx);
        Responses.endJson(ctx.request(), error.status(), body(error));
    }

    /** {@code {"error":{"code":...,"message":...}}}. */
    static Buffer body(ApiException error) {
        return new JsonObject().put("error",
                new JsonObject().put("code", error.code()).put("message", error.getMessage())).toBuffer();
    }

    private ApiException toApiException(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException api) {
            return api;
        }
        int status = ctx.statusCode();
        if (failure instanceof HttpException http) {
            status = http.getStatusCode();
            failure = http.getCause();
        }
        if (status >= 400 && status < 500) {
            // A client mistake found by Vert.x itself (the router refusing a request without Host, a
            // route's 404/405, the body cap), with or without a cause: its status in our shape, no log.
            return forStatus(ctx, status);
        }
        String requestId = RequestAttributes.requestId(ctx);
        LOG.error("request {} {} {} failed with an internal error", LogSafe.escape(requestId),
                LogSafe.escape(ctx.request().method()), LogSafe.escape(ctx.request().path()), failure);
        return new ApiException(500, "internal_error", "internal error (request id " + requestId + ")");
    }

    private static String shown(String s) {
        return s.length() <= MAX_SHOWN_CHARS ? s : s.substring(0, MAX_SHOWN_CHARS) + "...";
    }

    private ApiException forStatus(RoutingContext ctx, int status) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        return switch (status) {
            case 404 -> new ApiException(404, "not_found", "no route for " + shown(method) + " " + shown(path));
            case 405 -> KNOWN_METHODS.contains(method)
                    ? new ApiException(405, "method_not_allowed", "method " + method + " is not allowed on " + shown(path))
                    : new ApiException(501, "not_implemented", "method " + shown(method) + " is not implemented");
            case 413 -> new ApiException(413, "body_too_large", "request body exceeds " + maxBodyBytes + " bytes");
            case 400 -> ctx.request().authority() == null && ctx.request().version() != HttpVersion.HTTP_1_0
                    ? new ApiException(400, "invalid_request", "a valid Host header is required (HTTP/1.1)")
                    : new ApiException(400, "invalid_request", "the request is malformed");
            case 415 -> new ApiException(415, "unsupported_media_type", "unsupported content type");
            default -> new ApiException(status, "http_" + status, "request failed with status " + status);
        };
    }
}
