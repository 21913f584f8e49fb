package io.recgate.gateway.health;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Named readiness conditions, set from anywhere (the bundle loader, store health checks). The
 * gateway is ready when every <em>required</em> condition is up; optional ones (Redis, Postgres)
 * only add detail, so a degraded store shows in {@code /health/ready} without taking the gateway out
 * of rotation. Thread-safe.
 */
public final class Readiness {

    /** Required condition: a bundle is loaded and serving. Starts down; the bundle loader sets it up. */
    public static final String BUNDLE = "bundle";

    private final Map<String, Condition> conditions = new ConcurrentSkipListMap<>();

    /** A readiness with the required {@link #BUNDLE} condition down ("no bundle loaded"). */
    public Readiness() {
        register(BUNDLE, true).down("no bundle loaded");
    }

    /**
     * Declares a condition (down, detail "not checked yet"), or returns the one with that name.
     *
     * @param required whether the gateway is not ready while it is down
     * @throws IllegalArgumentException if it exists with another {@code required}
     */
    public Condition register(String name, boolean required) {
        Condition c = conditions.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new Condition(n, required));
        if (c.required != required) {
            throw new IllegalArgumentException("condition '" + name + "' exists with required=" + c.required);
        }
        return c;
    }

    /**
     * The named condition.
     *
     * @throws IllegalArgumentException if none is registered under that name
     */
    public Condition condition(String name) {
        Condition c = conditions.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no readiness condition '" + name + "'; known: " + conditions.keySet());
        }
        return c;
    }

    /** Whether every required condition is up. */
    public boolean isReady() {
        for (Condition c : conditions.values()) {
            if (c.required && !c.up) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code {"status":"ready"|"not_ready","conditions":{"bundle":{"up":..,"required":..,"detail":".."},..}}}.
     */
    public JsonObject toJson() {
        JsonObject all = new JsonObject();
        for (Condition c : conditions.values()) {
            all.put(c.name, new JsonObject().put("up", c.up).put("required", c.required).put("detail", c.detail));
        }
        return new JsonObject().put("status", isReady() ? "ready" : "not_ready").put("conditions", all);
    }

    /** One named condition. Its state is a volatile pair; readers may see up and detail from different updates. */
    public static final class Condition {
        private final String name;
        private final boolean required;
        private volatile boolean up;
        private volatile String detail = "not checked yet";

        private Condition(String name, boolean required) {
            this.name = name;
            this.required = required;
        }

        /** Marks it up, e.g. {@code up("bundle v42")}. The detail must not contain secrets. */
        public void up(String detail) {
            this.detail = Objects.requireNonNull(detail, "detail");
            this.up = true;
        }

        /** Marks it down with the reason. The detail must not contain secrets. */
        public void down(String detail) {
            this.up = false;
            this.detail = Objects.requireNonNull(detail, "detail");
        }

        /** The condition's name. */
        public String name() {
            return name;
        }

        /** Whether the gateway is not ready while this condition is down. */
        public boolean required() {
            return required;
        }

        /** Whether it is up now. */
        public boolean isUp() {
            return up;
        }

        /** Why it is up or down, as shown in {@code /health/ready}. */
        public String detail() {
            return detail;
        }
    }
}
