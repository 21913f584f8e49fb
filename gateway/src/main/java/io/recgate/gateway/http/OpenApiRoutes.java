package io.recgate.gateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the API description at {@code GET /openapi.yaml}. The document ships in the jar
 * ({@code openapi.yaml}) and is read once, when this class is created during server assembly
 * (on the thread that builds the server, never per request); a test keeps it in step with the
 * registered routes.
 */
public final class OpenApiRoutes implements RouteRegistrar {

    /** Classpath location of the document. */
    public static final String RESOURCE = "/openapi.yaml";

    private final Buffer document;

    public OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the gateway jar");
            }
            document = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.yaml", e);
        }
    }

    @Override
    public void register(Routes routes) {
        routes.add(HttpMethod.GET, "/openapi.yaml", ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8")
                .end(document));
    }
}
