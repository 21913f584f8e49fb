/** The Prometheus meter registry behind {@code /metrics} and the gateway's meters. */
package io.recgate.gateway.metrics;
