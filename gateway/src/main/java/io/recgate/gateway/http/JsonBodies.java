package io.recgate.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * Reads a request body as JSON: 415 {@code unsupported_media_type} for a non-JSON Content-Type,
 * 400 {@code missing_body} for an empty body, 400 {@code malformed_json} for a body that does not
 * parse. Runs on the event loop (bodies are capped by {@code http.maxBodyBytes}). Stateless.
 */
public final class JsonBodies {

    private static final int MAX_REASON_CHARS = 160;

    private JsonBodies() {
    }

    /**
     * The parsed body: a {@link io.vertx.core.json.JsonObject}, {@link io.vertx.core.json.JsonArray},
     * String, Number, Boolean or {@code null} for the literal null.
     *
     * @throws ApiException 415 or 400 as described above
     */
    public static Object value(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "Content-Type must be application/json, got '" + contentType + "'");
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("missing_body", "request body is empty; a JSON body is required");
        }
        try {
            return Json.decodeValue(body);
        } catch (DecodeException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage();
            int cut = reason.indexOf('\n');
            reason = cut >= 0 ? reason.substring(0, cut) : reason;
            if (reason.length() > MAX_REASON_CHARS) {
                reason = reason.substring(0, MAX_REASON_CHARS) + "...";
            }
            throw ApiException.badRequest("malformed_json", "request body is not valid JSON: " + reason);
        }
    }
}
