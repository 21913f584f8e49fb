/** The per-user response cache interface and its in-memory implementation (Redis: {@link io.recgate.gateway.store.RedisResponseCache}). */
package io.recgate.gateway.cache;
