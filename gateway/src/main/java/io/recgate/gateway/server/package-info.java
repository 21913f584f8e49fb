/** Assembly and lifecycle: {@link io.recgate.gateway.server.GatewayServer} and the HTTP verticle. */
package io.recgate.gateway.server;
