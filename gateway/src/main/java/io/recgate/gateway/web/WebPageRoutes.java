package io.recgate.gateway.web;

import io.recgate.gateway.http.RouteRegistrar;
import io.recgate.gateway.http.Routes;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the page: {@code GET /} answers {@code index.html} and {@code GET /ui/*} the page's
 * JavaScript modules and stylesheet, all read from the classpath ({@value #WEBROOT}), so the page
 * works from the jar alone with no build step and no external CDN. The classpath root is namespaced
 * because Vert.x resolves a relative web root against the working directory first.
 *
 * <p>Every answer carries {@link #CONTENT_SECURITY_POLICY} (the page loads only its own module
 * scripts and stylesheet, has no inline script or style, and takes the admin token, so it may not be
 * framed), {@code X-Frame-Options: DENY} for browsers without {@code frame-ancestors},
 * {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}.
 */
public final class WebPageRoutes implements RouteRegistrar {

    /** Classpath directory of the page's files. */
    public static final String WEBROOT = "recgate/webroot";

    /** The page's Content-Security-Policy: its own origin only, no plugins, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Override
    public void register(Routes routes) {
        // One handler per route: StaticHandler strips the route's own prefix from the request path.
        routes.add(HttpMethod.GET, "/", withSecurityHeaders(handler()));
        routes.add(HttpMethod.GET, "/ui/*", withSecurityHeaders(handler()));
    }

    private static Handler<RoutingContext> withSecurityHeaders(StaticHandler files) {
        return ctx -> {
            MultiMap headers = ctx.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .set("X-Frame-Options", "DENY")
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer");
            files.handle(ctx);
        };
    }

    private static StaticHandler handler() {
        return StaticHandler.create(FileSystemAccess.RELATIVE, WEBROOT)
                .setIndexPage("index.html")
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                // Short: a page upgraded with the gateway should not need a hard refresh.
                .setMaxAgeSeconds(60);
    }
}
