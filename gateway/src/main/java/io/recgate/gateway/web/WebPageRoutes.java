package io.recgate.gateway.web;

import io.recgate.gateway.http.RouteRegistrar;
import io.recgate.gateway.http.Routes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the page: {@code GET /} answers {@code index.html} and {@code GET /ui/*} the page's
 * JavaScript modules and stylesheet, all read from the classpath ({@value #WEBROOT}), so the page
 * works from the jar alone with no build step and no external CDN. The classpath root is namespaced
 * because Vert.x resolves a relative web root against the working directory first.
 */
public final class WebPageRoutes implements RouteRegistrar {

    /** Classpath directory of the page's files. */
    public static final String WEBROOT = "recgate/webroot";

    @Override
    public void register(Routes routes) {
        // One handler per route: StaticHandler strips the route's own prefix from the request path.
        routes.add(HttpMethod.GET, "/", handler());
        routes.add(HttpMethod.GET, "/ui/*", handler());
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
