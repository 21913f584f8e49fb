package io.recgate.gateway.bundle;

import io.recgate.core.serving.ServableBundle;
import io.recgate.core.bundle.BundleException;
import io.recgate.gateway.http.ApiException;
import io.recgate.gateway.http.Responses;
import io.recgate.gateway.http.RouteRegistrar;
import io.recgate.gateway.http.Routes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Admin routes of the bundle manager, behind the admin token:
 * <ul>
 *   <li>{@code GET /admin/bundles}: see {@link BundleManager#describeVersions()};</li>
 *   <li>{@code POST /admin/bundles/:version/activate}: verify, load, warm and swap in that version
 *       (also to roll back). 200 {@code {"live":"v..","previous":"v.."}}; 400 {@code invalid_parameter}
 *       for a name that is not a version, 404 {@code unknown_version}, 422 {@code bundle_invalid} when it
 *       fails verification or loading (the old version keeps serving).</li>
 *   <li>{@code GET /admin/bundles/live/sample}: user and item ids of the live bundle for load
 *       generators (most active users and most popular items first; {@code LiveSampleHandler}).</li>
 * </ul>
 */
public final class BundleRoutes implements RouteRegistrar {

    private final BundleManager manager;

    public BundleRoutes(BundleManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    @Override
    public void register(Routes routes) {
        routes.addAdmin(HttpMethod.GET, "/admin/bundles", ctx -> Responses.reply(ctx, manager.describeVersions()));
        routes.addAdmin(HttpMethod.GET, LiveSampleHandler.PATH, new LiveSampleHandler(manager::live));
        routes.addAdmin(HttpMethod.POST, "/admin/bundles/:version/activate", ctx -> {
            String version = ctx.pathParam("version");
            ServableBundle previous = manager.live();
            Responses.reply(ctx, manager.activate(version)
                    .map(b -> new JsonObject().put("live", b.version())
                            .put("previous", previous == null ? null : previous.version()))
                    .recover(e -> io.vertx.core.Future.failedFuture(toApi(version, e))));
        });
    }

    private static Throwable toApi(String version, Throwable e) {
        if (e instanceof IllegalArgumentException) {
            return ApiException.badRequest("invalid_parameter", e.getMessage());
        }
        if (e instanceof NoSuchElementException) {
            return new ApiException(404, "unknown_version", e.getMessage());
        }
        if (e instanceof BundleException || e instanceof UncheckedIOException) {
            return new ApiException(422, "bundle_invalid", "bundle " + version + " refused: " + e.getMessage());
        }
        return e;
    }
}
