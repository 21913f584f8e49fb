package io.recgate.gateway.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers the requests Vert.x refuses before routing (set with
 * {@link io.vertx.core.http.HttpServer#invalidRequestHandler}): a request line longer than
 * {@code maxInitialLineLength} is 414 {@code uri_too_long}, headers over {@code maxHeaderSize} 431
 * {@code headers_too_large}, anything else that does not parse as HTTP 400 {@code invalid_request}.
 * Same body as {@link FailureHandler}, with {@code X-Request-Id}; the connection is closed afterwards,
 * as Vert.x's default handler does (the rest of the stream cannot be trusted). Client mistakes: not
 * logged. Immutable; thread-safe.
 */
public final class InvalidRequestHandler implements Handler<HttpServerRequest> {

    private final int maxInitialLineLength;
    private final int maxHeaderSize;

    /**
     * @param maxInitialLineLength the server's request line limit in bytes, named in 414 messages
     * @param maxHeaderSize        the server's header limit in bytes, named in 431 messages
     */
    public InvalidRequestHandler(int maxInitialLineLength, int maxHeaderSize) {
        this.maxInitialLineLength = maxInitialLineLength;
        this.maxHeaderSize = maxHeaderSize;
    }

    @Override
    public void handle(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ApiException error;
        if (cause instanceof TooLongHttpLineException) {
            error = new ApiException(414, "uri_too_long",
                    "the request line is longer than " + maxInitialLineLength + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            error = new ApiException(431, "headers_too_large",
                    "the request headers are larger than " + maxHeaderSize + " bytes");
        } else {
            error = ApiException.badRequest("invalid_request", "the request is not valid HTTP");
        }
        request.response()
                .putHeader(RequestIds.HEADER, RequestIds.idFor(request))
                .putHeader("Connection", "close");
        Responses.endJson(request, error.status(), FailureHandler.body(error));
        request.connection().close();
    }
}
