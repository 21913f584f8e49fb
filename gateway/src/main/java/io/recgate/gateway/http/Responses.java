package io.recgate.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writing JSON responses from asynchronous code. A response may already have been sent by the time a
 * slow future completes (the deadline handler answered 503), so these methods write only if nothing
 * was written yet and report whether they did. Call on the request's event loop.
 */
public final class Responses {

    private Responses() {
    }

    /** Sends {@code body} with the status; returns false (and sends nothing) if a response was already started. */
    public static boolean json(RoutingContext ctx, int status, JsonObject body) {
        return send(ctx, status, body.toBuffer());
    }

    /** As {@link #json(RoutingContext, int, JsonObject)} for an array body. */
    public static boolean json(RoutingContext ctx, int status, JsonArray body) {
        return send(ctx, status, body.toBuffer());
    }

    /**
     * Completes the request from a future: its value as 200 JSON, or its failure through the failure
     * handler (an {@link ApiException} keeps its status; anything else is a 500).
     */
    public static void reply(RoutingContext ctx, Future<JsonObject> result) {
        result.onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, 200, ar.result());
            } else {
                fail(ctx, ar.cause());
            }
        });
    }

    /** Fails the request unless a response was already started. */
    public static void fail(RoutingContext ctx, Throwable cause) {
        if (!ctx.response().headWritten() && !ctx.response().ended()) {
            ctx.fail(cause);
        }
    }

    private static boolean send(RoutingContext ctx, int status, Buffer body) {
        if (ctx.response().headWritten() || ctx.response().ended()) {
            return false;
        }
        endJson(ctx.request(), status, body);
        return true;
    }

    /**
     * Ends the response with a JSON body ({@code X-Content-Type-Options: nosniff}); a HEAD request gets the headers only, Content-Length that of
     * the body a GET would get (HEAD is served by the GET routes).
     */
    static void endJson(HttpServerRequest request, int status, Buffer body) {
        HttpServerResponse response = request.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (request.method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", Integer.toString(body.length())).end();
        } else {
            response.end(body);
        }
    }
}
