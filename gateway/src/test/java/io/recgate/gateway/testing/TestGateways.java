package io.recgate.gateway.testing;

import io.recgate.gateway.config.ConfigLoader;
import io.recgate.gateway.config.GatewayConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Helpers shared by the gateway tests. */
public final class TestGateways {

    private TestGateways() {
    }

    /** A config on a random port with the given data dir and overrides (dotted keys). */
    public static GatewayConfig config(Path dataDir, Map<String, String> overrides) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("http.host", "127.0.0.1");
        flags.put("http.port", "0");
        flags.put("store.dataDir", dataDir.toString());
        flags.put("store.healthCheckInterval", "200ms");
        flags.putAll(overrides);
        return ConfigLoader.load(Optional.empty(), Map.of(), flags);
    }

    /** A TCP port on loopback that nothing listens on (bound, then released). */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code error} object of an error response. */
    public static JsonObject error(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getJsonObject("error");
    }
}
