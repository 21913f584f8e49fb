package io.recgate.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's admin routes, called before a simulation starts (outside Gatling's measurements):
 * the id sample for the feeders and the bundle versions SwapUnderLoad alternates. Blocking; one
 * instance per simulation; thread-safe.
 */
final class AdminApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminApi(URI base, String token) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = Objects.requireNonNull(token, "token");
    }

    /** {@code GET /admin/bundles/live/sample?users=&items=&seed=}. */
    IdSample sample(int users, int items, long seed) {
        JsonNode body = get("/admin/bundles/live/sample?users=" + users + "&items=" + items
                + "&seed=" + Math.floorMod(seed, (long) Integer.MAX_VALUE));
        return new IdSample(body.path("bundleVersion").asText(), strings(body.path("users")), strings(body.path("items")));
    }

    /**
     * The live version and the loadable versions of the gateway's bundle root, newest last
     * ({@code GET /admin/bundles}; versions with a {@code problem} are left out).
     */
    Versions versions() {
        JsonNode body = get("/admin/bundles");
        List<String> loadable = new ArrayList<>();
        for (JsonNode v : body.path("versions")) {
            if (!v.has("problem")) {
                loadable.add(v.path("version").asText());
            }
        }
        return new Versions(body.path("live").isNull() ? null : body.path("live").asText(), List.copyOf(loadable));
    }

    /**
     * The two versions SwapUnderLoad alternates: {@code chosen} when given (both must be loadable), else
     * the live one and the newest other loadable one.
     *
     * @throws IllegalStateException when the root has fewer than two loadable versions or a chosen one is missing
     */
    static List<String> swapPair(Versions versions, List<String> chosen) {
        if (!chosen.isEmpty()) {
            for (String v : chosen) {
                if (!versions.loadable().contains(v)) {
                    throw new IllegalStateException("swap.versions names " + v + ", which the gateway cannot load; "
                            + "loadable: " + versions.loadable());
                }
            }
            return chosen;
        }
        if (versions.live() == null) {
            throw new IllegalStateException("the gateway has no live bundle yet");
        }
        for (int i = versions.loadable().size() - 1; i >= 0; i--) {
            String other = versions.loadable().get(i);
            if (!other.equals(versions.live())) {
                return List.of(versions.live(), other);
            }
        }
        throw new IllegalStateException("SwapUnderLoad needs two loadable bundle versions in the gateway's root, found "
                + versions.loadable() + "; publish another (e.g. run ./recgate rebuild again)");
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the gateway at " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.uri(), e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + request.uri() + " answered malformed JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }

    /**
     * @param live     the live version, or null before the first load
     * @param loadable versions without a recorded problem, in the gateway's order (oldest first)
     */
    record Versions(String live, List<String> loadable) {
    }
}
