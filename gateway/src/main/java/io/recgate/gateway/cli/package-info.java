/** The {@code recgate-gateway serve} command line. */
package io.recgate.gateway.cli;
