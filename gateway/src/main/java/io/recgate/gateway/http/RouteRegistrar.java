package io.recgate.gateway.http;

/**
 * Adds a feature's routes to the gateway (events, health, recommendations, ...). Called once while
 * the router is assembled, on the thread building the server.
 */
@FunctionalInterface
public interface RouteRegistrar {

    /** Registers routes through {@code routes}, which installs the common handlers around them. */
    void register(Routes routes);
}
