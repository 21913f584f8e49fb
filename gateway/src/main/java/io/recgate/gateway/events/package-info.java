/** Event ingestion: the event model and validation, {@code POST /v1/events}, and the interfaces of the event log ({@link io.recgate.gateway.events.EventStore}), recent interactions and known items. */
package io.recgate.gateway.events;
