package io.recgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: every route's failure handler and the router's 404/405/413
 * error handlers. Body: {@code {"error":{"code":"...","message":"..."}}}; 429/503 carry Retry-After.
 * An {@link ApiException} is rendered as is. A plain status failure (router 404/405, body handler 413)
 * gets a fixed code. Anything else is a bug: logged once with the request id and answered 500 with a
 * generic message naming only the request id. Stateless; thread-safe.
 */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

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
        JsonObject body = new JsonObject().put("error",
                new JsonObject().put("code", error.code()).put("message", error.getMessage()));
        ctx.response().setStatusCode(error.status())
                .putHeader("Content-Type", "application/json")
                .end(body.toBuffer());
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
        if (failure == null && status >= 400 && status < 500) {
            return forStatus(ctx, status);
        }
        String requestId = RequestAttributes.requestId(ctx);
        LOG.error("request {} {} {} failed with an internal error", requestId, ctx.request().method(),
                ctx.request().path(), failure);
        return new ApiException(500, "internal_error", "internal error (request id " + requestId + ")");
    }

    private ApiException forStatus(RoutingContext ctx, int status) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        return switch (status) {
            case 404 -> new ApiException(404, "not_found", "no route for " + method + " " + path);
            case 405 -> new ApiException(405, "method_not_allowed", "method " + method + " is not allowed on " + path);
            case 413 -> new ApiException(413, "body_too_large", "request body exceeds " + maxBodyBytes + " bytes");
            case 400 -> new ApiException(400, "bad_request", "bad request");
            case 415 -> new ApiException(415, "unsupported_media_type", "unsupported content type");
            default -> new ApiException(status, "http_" + status, "request failed with status " + status);
        };
    }
}
