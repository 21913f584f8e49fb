/** Store implementations: the embedded fsynced event log, PostgreSQL, Redis and in-memory recent interactions, opened together by {@link io.recgate.gateway.store.Stores}. */
package io.recgate.gateway.store;
