/** Liveness and readiness: named readiness conditions and the {@code /health} routes. */
package io.recgate.gateway.health;
