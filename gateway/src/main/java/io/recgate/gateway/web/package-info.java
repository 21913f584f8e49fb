/**
 * The browser page at {@code /} (static files shipped in the jar under {@code recgate/webroot}) and
 * the small read-only routes it needs beyond the recommendation API: the live bundle's manifest and
 * a sample of its user ids.
 */
package io.recgate.gateway.web;
