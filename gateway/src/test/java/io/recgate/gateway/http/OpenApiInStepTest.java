package io.recgate.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.recgate.gateway.recommend.RecommendExtension;
import io.recgate.gateway.server.GatewayServer;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** /openapi.yaml documents exactly the routes the server registers, no more, no fewer. */
@ExtendWith(VertxExtension.class)
class OpenApiInStepTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path bundles;

    private GatewayServer server;
    private WebClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop().await(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void documentListsEveryRouteAndOnlyThose(Vertx vertx) throws Exception {
        RecommendExtension recommend = new RecommendExtension(bundles);
        AtomicReference<Router> router = new AtomicReference<>();
        server = GatewayServer.builder(TestGateways.config(dataDir, Map.of()))
                .knownItems(recommend.knownItems()).extension(recommend)
                .extension(s -> routes -> router.set(routes.router()))
                .build(vertx);
        server.start().await(20, TimeUnit.SECONDS);
        client = WebClient.create(vertx);

        HttpResponse<Buffer> response = client.get(server.port(), "localhost", "/openapi.yaml")
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.getHeader("Content-Type").startsWith("application/yaml"));
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(response.bodyAsString());
        assertEquals("3.0.3", document.get("openapi").asText());

        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                documented.add(methods.next().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        Set<String> registered = new TreeSet<>();
        for (Route route : router.get().getRoutes()) {
            if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
                continue; // platform handlers (admission, body, deadline) match every request
            }
            String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
            if (!route.isExactPath() && !"/".equals(path)) {
                path += "{path}"; // a prefix route such as /ui/* (static files) is documented as /ui/{path}
            }
            for (HttpMethod method : route.methods()) {
                if (method != HttpMethod.HEAD) { // every GET route answers HEAD too; the document lists GET only
                    registered.add(method.name() + " " + path);
                }
            }
        }
        assertEquals(registered, documented);
    }
}
