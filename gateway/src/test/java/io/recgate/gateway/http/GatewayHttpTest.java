package io.recgate.gateway.http;

import io.recgate.gateway.health.Readiness;
import io.recgate.gateway.server.GatewayServer;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import static io.recgate.gateway.testing.TestGateways.error;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every client mistake gets its status and JSON error body; overload and deadlines answer 503 with Retry-After. */
@ExtendWith(VertxExtension.class)
class GatewayHttpTest {

    private static final String ADMIN_TOKEN = "s3cret-admin-token-0123";

    @TempDir
    Path dataDir;

    private Vertx vertx;
    private GatewayServer server;
    private WebClient client;
    private final AtomicReference<Promise<Void>> held = new AtomicReference<>();

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        server = GatewayServer.builder(TestGateways.config(dataDir, Map.of(
                        "http.instances", "2",
                        "http.maxBodyBytes", "2048",
                        "http.maxInFlight", "2",
                        "http.requestTimeout", "300ms",
                        "http.retryAfter", "3s",
                        "http.maxK", "50",
                        "http.maxCandidates", "500",
                        "http.adminToken", ADMIN_TOKEN)))
                .extension(s -> this::testRoutes)
                .build(vertx);
        server.start().await(20, TimeUnit.SECONDS);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
    }

    /** Small routes standing in for the recommend pipeline. */
    private void testRoutes(Routes routes) {
        routes.add(HttpMethod.GET, "/test/params", ctx -> {
            int k = QueryParams.k(ctx.queryParams(), 10, 50);
            int candidates = QueryParams.candidates(ctx.queryParams(), k, 100, 500);
            Responses.json(ctx, 200, new JsonObject().put("k", k).put("candidates", candidates));
        });
        routes.add(HttpMethod.GET, "/test/hold", ctx -> {
            Promise<Void> p = Promise.promise();
            held.set(p);
            p.future().onComplete(v -> Responses.json(ctx, 200, new JsonObject().put("released", true)));
        });
        routes.add(HttpMethod.GET, "/test/never", ctx -> { });
        routes.add(HttpMethod.GET, "/test/thread", ctx ->
                Responses.json(ctx, 200, new JsonObject().put("thread", Thread.currentThread().getName())));
        routes.add(HttpMethod.GET, "/test/bug", ctx -> {
            throw new IllegalStateException("internal detail that must not leak");
        });
        routes.add(HttpMethod.GET, "/test/bug/*", ctx -> {
            throw new IllegalStateException("bug under a crafted path");
        });
        routes.addAdmin(HttpMethod.GET, "/admin/test", ctx -> Responses.json(ctx, 200, new JsonObject().put("admin", true)));
    }

    @AfterEach
    void stop() throws Exception {
        Promise<Void> p = held.get();
        if (p != null) {
            p.tryComplete();
        }
        if (client != null) {
            client.close();
        }
        server.stop().await(10, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> postEvents(String body) throws Exception {
        return client.post("/v1/events").putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body)).await(5, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> get(String uri) throws Exception {
        return client.get(uri).send().await(5, TimeUnit.SECONDS);
    }

    private static void assertError(HttpResponse<Buffer> r, int status, String code, String messagePart) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"), r.getHeader("Content-Type"));
        JsonObject error = error(r);
        assertEquals(code, error.getString("code"), r.bodyAsString());
        assertTrue(error.getString("message").contains(messagePart), error.getString("message"));
    }

    /** A response read off a raw socket: status, headers (names lower-cased) and body. */
    private record RawResponse(int status, Map<String, String> headers, String body) {
        JsonObject error() {
            return new JsonObject(body).getJsonObject("error");
        }
    }

    /**
     * Sends {@code request} as is (what a client library would fix up: no Host, a bad escape, an
     * unknown method) and reads the answer until the server closes (send {@code Connection: close}).
     */
    private RawResponse raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(ISO_8859_1));
            socket.getOutputStream().flush();
            String text = new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertTrue(end > 0, text);
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        }
    }

    private static void assertRawError(RawResponse r, int status, String code, String messagePart) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.headers().get("content-type").startsWith("application/json"), r.toString());
        assertNotNull(r.headers().get("x-request-id"), "X-Request-Id: " + r);
        assertEquals(Integer.toString(r.body().length()), r.headers().get("content-length"), r.toString());
        assertEquals(code, r.error().getString("code"), r.toString());
        assertTrue(r.error().getString("message").contains(messagePart), r.toString());
    }

    /** Runs {@code requests} and fails if anything was logged at ERROR or with a stack trace meanwhile. */
    private static void assertLogsNoErrors(ThrowingRunnable requests) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            requests.run();
        } finally {
            root.detachAppender(appender);
        }
        for (ILoggingEvent event : appender.list) {
            assertTrue(event.getLevel().toInt() < Level.ERROR.toInt() && event.getThrowableProxy() == null,
                    "logged for a client mistake: " + event.getLevel() + " " + event.getFormattedMessage());
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertError(postEvents("{\"userId\": \"u1\", "), 400, "malformed_json", "not valid JSON");
    }

    @Test
    void malformedJsonSaysWhatAndWhereInPlainWordsWithoutParserInternals() throws Exception {
        Map<String, String> expected = Map.of(
                "{\"userId\": \"u1\", ", "body is not valid JSON: unexpected end of input inside an object at line 1, column 18",
                "[{\"userId\":\"u1\"},\n {userId:1}]", "body is not valid JSON: unexpected character 'u': was expecting double-quote to start field name at line 2, column 3",
                "{\"a\":[1}", "body is not valid JSON: unexpected close marker '}': expected ']' at line 1, column 8",
                "{\"a\":1} x", "body is not valid JSON: unrecognized token 'x': was expecting a JSON value (string, number, array, object, true, false or null) at line 1, column 10",
                "{\"a\":\"x\ny\"}", "body is not valid JSON: illegal unquoted character (control character 10): has to be escaped using backslash to be included in string value at line 1, column 8",
                "\"abc", "body is not valid JSON: unexpected end of input inside a string at line 1, column 5");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            HttpResponse<Buffer> r = postEvents(e.getKey());
            assertError(r, 400, "malformed_json", "");
            assertEquals(e.getValue(), error(r).getString("message"), e.getKey());
        }
        String longToken = "x".repeat(1500);
        String message = error(postEvents(longToken)).getString("message");
        assertTrue(message.length() < 200, message);
        for (String internal : List.of("Source", "REDACTED", "StreamReadFeature", "jackson", "code 1", "VALUE_STRING",
                "Failed to decode")) {
            for (String body : expected.keySet()) {
                assertFalse(error(postEvents(body)).getString("message").contains(internal), internal);
            }
            assertFalse(message.contains(internal), message);
        }
    }

    @Test
    void emptyBodyIs400() throws Exception {
        assertError(postEvents(""), 400, "missing_body", "empty");
    }

    @Test
    void nonJsonContentTypeIs415() throws Exception {
        HttpResponse<Buffer> r = client.post("/v1/events").putHeader("Content-Type", "text/plain")
                .sendBuffer(Buffer.buffer("hello")).await(5, TimeUnit.SECONDS);
        assertError(r, 415, "unsupported_media_type", "text/plain");
    }

    @Test
    void wrongTypesAre400WithEveryFieldNamed() throws Exception {
        HttpResponse<Buffer> r = postEvents("{\"userId\": 7, \"itemId\": [\"i\"], \"type\": \"rate\", \"value\": \"five\"}");
        assertError(r, 400, "invalid_event", "userId: must be a string, got number");
        String message = error(r).getString("message");
        assertTrue(message.contains("itemId: must be a string, got array"), message);
        assertTrue(message.contains("value: must be a number, got string"), message);
    }

    @Test
    void missingFieldsAre400() throws Exception {
        HttpResponse<Buffer> r = postEvents("{\"type\": \"rate\"}");
        assertError(r, 400, "invalid_event", "userId: is required");
        String message = error(r).getString("message");
        assertTrue(message.contains("itemId: is required"), message);
        assertTrue(message.contains("value: is required for type rate"), message);
    }

    @Test
    void requestWithoutHostIs400InvalidRequest() throws Exception {
        assertLogsNoErrors(() -> {
            RawResponse r = raw("GET /health/live HTTP/1.1\r\nX-Request-Id: no-host-1\r\nConnection: close\r\n\r\n");
            assertRawError(r, 400, "invalid_request", "Host header is required");
            assertEquals("no-host-1", r.headers().get("x-request-id"));
        });
        assertEquals(200, raw("GET /health/live HTTP/1.0\r\n\r\n").status(), "HTTP/1.0 needs no Host");
    }

    @Test
    void badPercentEscapesAre400InvalidParameterWithoutAStackTrace() throws Exception {
        assertLogsNoErrors(() -> {
            assertRawError(raw("GET /v1/users/%zz/recent HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                    400, "invalid_parameter", "URL cannot be decoded");
            assertRawError(raw("GET /health/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                    400, "invalid_parameter", "URL cannot be decoded");
            assertRawError(raw("GET /test/params?k=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                    400, "invalid_parameter", "query string cannot be decoded");
            assertRawError(raw("POST /v1/events?x=%z HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"), 400, "invalid_parameter", "query string cannot be decoded");
        });
    }

    @Test
    void tooLongRequestLineIs414AndTooLargeHeadersAre431AsJson() throws Exception {
        assertLogsNoErrors(() -> {
            RawResponse uri = raw("GET /test/params?k=" + "1".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n"
                    + "X-Request-Id: long-uri\r\nConnection: close\r\n\r\n");
            assertRawError(uri, 414, "uri_too_long", "4096 bytes");
            RawResponse headers = raw("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000)
                    + "\r\nConnection: close\r\n\r\n");
            assertRawError(headers, 431, "headers_too_large", "8192 bytes");
        });
    }

    @Test
    void unknownMethodIs501AndKnownMethodOnWrongRouteIs405() throws Exception {
        assertRawError(raw("FROB /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                501, "not_implemented", "FROB");
        assertRawError(raw("PUT /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
                405, "method_not_allowed", "PUT");
        String metrics = get("/metrics").bodyAsString();
        assertFalse(metrics.contains("FROB"), "a client's method token must not become a metric label");
        assertTrue(metrics.contains("method=\"OTHER\""), metrics);
    }

    @Test
    void everyResponseCarriesTheRequestId() throws Exception {
        for (String uri : List.of("/health/live", "/v1/nothing-here", "/test/params?k=0", "/test/bug", "/admin/test")) {
            HttpResponse<Buffer> r = client.get(uri).putHeader("X-Request-Id", "rid-1").send().await(5, TimeUnit.SECONDS);
            assertEquals("rid-1", r.getHeader("X-Request-Id"), uri);
        }
        HttpResponse<Buffer> wrongMethod = client.delete("/v1/events").send().await(5, TimeUnit.SECONDS);
        assertNotNull(wrongMethod.getHeader("X-Request-Id"));
        HttpResponse<Buffer> generated = get("/v1/nothing-here");
        assertTrue(generated.getHeader("X-Request-Id").matches("[0-9a-f]{16}"), generated.getHeader("X-Request-Id"));
    }

    @Test
    void headOnGetRoutesAnswersTheHeadersOfGetWithoutTheBody() throws Exception {
        RawResponse get = raw("GET /test/params?k=5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        RawResponse head = raw("HEAD /test/params?k=5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, head.status(), head.toString());
        assertEquals("", head.body());
        assertEquals(Integer.toString(get.body().length()), head.headers().get("content-length"));
        assertEquals("application/json", head.headers().get("content-type"));
        assertNotNull(head.headers().get("x-request-id"));

        RawResponse missing = raw("HEAD /v1/nothing-here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(404, missing.status());
        assertEquals("", missing.body());
        RawResponse missingGet = raw("GET /v1/nothing-here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(Integer.toString(missingGet.body().length() + 1), missing.headers().get("content-length"),
                "HEAD names its method in the message, one char more than GET");
        assertEquals(405, raw("HEAD /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status(),
                "POST routes do not answer HEAD");
    }

    @Test
    void integerParametersAreOnlySignAndDigits() throws Exception {
        assertEquals(5, get("/test/params?k=%2B5").bodyAsJsonObject().getInteger("k"));
        assertEquals(7, get("/test/params?k=007").bodyAsJsonObject().getInteger("k"));
        for (String k : List.of("1%00", "%201", "1%20", "1e1", "0x5", "1.0", "", "%2B", "5_0", "%D9%A1", "12345678901")) {
            assertError(get("/test/params?k=" + k), 400, "invalid_parameter", "k must be an integer in [1, 50]");
        }
        assertFalse(error(get("/test/params?k=1%00")).getString("message").contains("\u0000"), "control chars are not echoed");
    }

    @Test
    void jsonRoutesRequireApplicationJson() throws Exception {
        String event = "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\"}";
        HttpResponse<Buffer> none = client.post("/v1/events").sendBuffer(Buffer.buffer(event)).await(5, TimeUnit.SECONDS);
        assertError(none, 415, "unsupported_media_type", "got none");
        for (String type : List.of("text/json", "application/jsonx", "application/x-json", "text/plain; a=application/json")) {
            HttpResponse<Buffer> r = client.post("/v1/events").putHeader("Content-Type", type)
                    .sendBuffer(Buffer.buffer(event)).await(5, TimeUnit.SECONDS);
            assertError(r, 415, "unsupported_media_type", "got '" + type + "'");
        }
        for (String type : List.of("application/json", "Application/JSON; charset=utf-8", "application/json;charset=UTF-8")) {
            HttpResponse<Buffer> r = client.post("/v1/events").putHeader("Content-Type", type)
                    .sendBuffer(Buffer.buffer(event)).await(5, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), type + ": " + r.bodyAsString());
        }
        HttpResponse<Buffer> empty = client.post("/v1/events").send().await(5, TimeUnit.SECONDS);
        assertError(empty, 400, "missing_body", "empty");
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        assertError(get("/v1/nothing-here"), 404, "not_found", "GET /v1/nothing-here");
    }

    @Test
    void wrongMethodIs405Json() throws Exception {
        HttpResponse<Buffer> r = client.delete("/v1/events").send().await(5, TimeUnit.SECONDS);
        assertError(r, 405, "method_not_allowed", "DELETE");
    }

    @Test
    void oversizeBodyIs413() throws Exception {
        String big = "[" + "{\"userId\":\"u\",\"itemId\":\"i\",\"type\":\"view\"},".repeat(60) + "{}]";
        assertTrue(big.length() > 2048);
        assertError(postEvents(big), 413, "body_too_large", "2048 bytes");
    }

    @Test
    void kAndCandidatesAreValidated() throws Exception {
        HttpResponse<Buffer> ok = get("/test/params?k=5&candidates=20");
        assertEquals(200, ok.statusCode(), ok.bodyAsString());
        assertEquals(new JsonObject().put("k", 5).put("candidates", 20), ok.bodyAsJsonObject());
        assertError(get("/test/params?k=0"), 400, "invalid_parameter", "k must be in [1, 50], got 0");
        assertError(get("/test/params?k=51"), 400, "invalid_parameter", "k must be in [1, 50], got 51");
        assertError(get("/test/params?k=ten"), 400, "invalid_parameter", "got 'ten'");
        assertError(get("/test/params?k=1&k=2"), 400, "invalid_parameter", "given 2 times");
        assertError(get("/test/params?k=10&candidates=5"), 400, "invalid_parameter", "candidates must be in [10, 500], got 5");
        assertError(get("/test/params?candidates=501"), 400, "invalid_parameter", "candidates must be in [10, 500]");
    }

    @Test
    void requestsBeyondTheInFlightLimitGet503WithRetryAfter(VertxTestContext ctx) {
        Checkpoint refused = ctx.checkpoint();
        Checkpoint firstAnswered = ctx.checkpoint();
        // Two slots: one held by /test/hold, one by a /test/never that the deadline will end.
        client.get("/test/hold").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertEquals(200, r.statusCode());
            firstAnswered.flag();
        })));
        vertx.setTimer(50, t -> client.get("/test/never").send());
        vertx.setTimer(120, t -> client.get("/test/params").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertError(r, 503, "overloaded", "limit of 2 requests in flight");
            assertEquals("3", r.getHeader("Retry-After"));
            assertTrue(server.metrics().scrape().contains("recgate_http_rejected_total{reason=\"overload\"}"));
            client.get("/health/live").send().onComplete(ctx.succeeding(live -> ctx.verify(() -> {
                assertEquals(200, live.statusCode(), "probes are not shed");
                refused.flag();
                held.get().complete();
            })));
        }))));
    }

    @Test
    void connectionsAreSpreadOverEveryServerInstance() throws Exception {
        WebClient fresh = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port()).setKeepAlive(false));
        try {
            Set<String> threads = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                threads.add(fresh.get("/test/thread").send().await(5, TimeUnit.SECONDS).bodyAsJsonObject().getString("thread"));
            }
            assertEquals(2, threads.size(), "one event loop per instance: " + threads);
        } finally {
            fresh.close();
        }
    }

    @Test
    void requestPastItsDeadlineGets503WithRetryAfter() throws Exception {
        HttpResponse<Buffer> r = get("/test/never");
        assertError(r, 503, "deadline_exceeded", "300 ms");
        assertEquals("3", r.getHeader("Retry-After"));
    }

    @Test
    void bugIs500WithRequestIdAndNoInternals() throws Exception {
        HttpResponse<Buffer> r = client.get("/test/bug").putHeader("X-Request-Id", "req-42").send().await(5, TimeUnit.SECONDS);
        assertError(r, 500, "internal_error", "request id req-42");
        assertEquals("req-42", r.getHeader("X-Request-Id"));
        assertFalse(r.bodyAsString().contains("must not leak"), r.bodyAsString());
        assertFalse(r.bodyAsString().contains("IllegalStateException"), r.bodyAsString());
        assertFalse(r.bodyAsString().contains("at io."), r.bodyAsString());
    }

    @Test
    void aCraftedPathCannotForgeLinesInTheErrorLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        RawResponse r;
        try {
            r = raw("GET /test/bug/%0d%0aINFO-forged\u001b[31m HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        } finally {
            root.detachAppender(appender);
        }
        assertRawError(r, 500, "internal_error", "request id");
        List<String> errors = appender.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, errors.size(), errors.toString());
        String line = errors.get(0);
        assertTrue(line.contains("/test/bug/%0d%0aINFO-forged\\x1b[31m"), line);
        assertFalse(line.contains("\r") || line.contains("\n") || line.contains("\u001b"), line);
    }

    @Test
    void adminRoutesNeedTheTokenAndNeverEchoIt() throws Exception {
        HttpResponse<Buffer> none = get("/admin/test");
        assertError(none, 401, "unauthorized", "bearer token");
        HttpResponse<Buffer> wrong = client.get("/admin/test").putHeader("Authorization", "Bearer nope")
                .send().await(5, TimeUnit.SECONDS);
        assertEquals(401, wrong.statusCode());
        assertFalse(wrong.bodyAsString().contains(ADMIN_TOKEN));
        HttpResponse<Buffer> ok = client.get("/admin/test").putHeader("Authorization", "Bearer " + ADMIN_TOKEN)
                .send().await(5, TimeUnit.SECONDS);
        assertEquals(200, ok.statusCode(), ok.bodyAsString());
    }

    @Test
    void readinessFollowsTheBundleCondition() throws Exception {
        HttpResponse<Buffer> before = get("/health/ready");
        assertEquals(503, before.statusCode());
        JsonObject conditions = before.bodyAsJsonObject().getJsonObject("conditions");
        assertEquals("no bundle loaded", conditions.getJsonObject("bundle").getString("detail"));
        assertTrue(conditions.getJsonObject("embedded").getBoolean("up"), before.bodyAsString());
        assertEquals(200, get("/health/live").statusCode());

        server.readiness().condition(Readiness.BUNDLE).up("bundle v1");
        HttpResponse<Buffer> after = get("/health/ready");
        assertEquals(200, after.statusCode(), after.bodyAsString());
        assertEquals("ready", after.bodyAsJsonObject().getString("status"));
    }

    @Test
    void metricsExposeRouteHistogramsInPrometheusFormat() throws Exception {
        assertEquals(200, get("/health/live").statusCode());
        assertEquals(200, postEvents("{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\"}").statusCode());
        HttpResponse<Buffer> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.getHeader("Content-Type").startsWith("text/plain"));
        String text = r.bodyAsString();
        assertTrue(text.contains("recgate_http_requests_seconds_bucket{method=\"GET\",route=\"/health/live\",status=\"200\""), text);
        assertTrue(text.contains("recgate_events_write_seconds_count{outcome=\"ok\",store=\"embedded\"} 1"), text);
        assertTrue(text.contains("recgate_events_accepted_total 1.0"), text);
        assertTrue(text.contains("recgate_http_in_flight"), text);
        assertTrue(text.contains("recgate_store_up{store=\"embedded\"} 1"), text);
    }

    @Test
    void unmatchedRequestsAreTimedUnderOneLabel() throws Exception {
        get("/v1/x/1");
        get("/v1/x/2");
        Future<HttpResponse<Buffer>> m = client.get("/metrics").send();
        String text = m.await(5, TimeUnit.SECONDS).bodyAsString();
        assertTrue(text.contains("route=\"unmatched\",status=\"404\""), text);
        assertFalse(text.contains("/v1/x/1"), "raw paths must not become labels");
        assertNotNull(server.metrics().registry());
    }
}
