package io.recgate.gateway.events;

import io.recgate.core.events.EventType;
import io.recgate.gateway.config.EventsConfig;
import io.recgate.gateway.http.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a request body into validated events: one event object or an array of them (at most
 * {@code events.maxBatchSize}). Fields: {@code userId}, {@code itemId} (non-blank strings of at
 * most {@code maxIdLength} chars), {@code type} (view, click, like, rate, purchase), {@code value}
 * (a finite number; required for {@code rate}, within {@code [minRating, maxRating]}),
 * {@code timestamp} (optional: epoch milliseconds or an ISO-8601 instant, not later than now +
 * {@code maxFutureSkew}; the arrival time when absent). Unknown fields are refused (they are usually
 * typos). Every problem of the batch is reported in one 400 {@code invalid_event}, each prefixed with
 * its path ({@code events[3].value: ...}). Immutable; thread-safe.
 */
public final class EventParser {

    private static final Set<String> FIELDS = Set.of("userId", "itemId", "type", "value", "timestamp");
    private static final int MAX_REPORTED = 20;
    private static final String TYPES = "view, click, like, rate, purchase";

    private final EventsConfig config;
    private final Clock clock;

    public EventParser(EventsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param body the parsed JSON body
     * @throws ApiException 400 {@code invalid_event} listing every problem, or {@code batch_too_large}
     */
    public List<Event> parse(Object body) {
        Instant now = clock.instant();
        List<String> errors = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        if (body instanceof JsonObject single) {
            parseOne(single, "", now, errors, events);
        } else if (body instanceof JsonArray array) {
            if (array.isEmpty()) {
                throw ApiException.badRequest("invalid_event", "the event array is empty");
            }
            if (array.size() > config.maxBatchSize()) {
                throw ApiException.badRequest("batch_too_large",
                        array.size() + " events in one request; at most " + config.maxBatchSize() + " are accepted");
            }
            for (int i = 0; i < array.size(); i++) {
                String path = "events[" + i + "].";
                if (array.getValue(i) instanceof JsonObject o) {
                    parseOne(o, path, now, errors, events);
                } else {
                    errors.add("events[" + i + "]: must be an object, got " + kind(array.getValue(i)));
                }
            }
        } else {
            throw ApiException.badRequest("invalid_event", "body must be an event object or an array of events, got "
                    + kind(body));
        }
        if (!errors.isEmpty()) {
            String message = String.join("; ", errors.subList(0, Math.min(MAX_REPORTED, errors.size())));
            if (errors.size() > MAX_REPORTED) {
                message += "; and " + (errors.size() - MAX_REPORTED) + " more";
            }
            throw ApiException.badRequest("invalid_event", message);
        }
        return events;
    }

    private void parseOne(JsonObject json, String path, Instant now, List<String> errors, List<Event> out) {
        int before = errors.size();
        for (String field : json.fieldNames()) {
            if (!FIELDS.contains(field)) {
                errors.add(path + field + ": unknown field (expected userId, itemId, type, value, timestamp)");
            }
        }
        String userId = id(json, "userId", path, errors);
        String itemId = id(json, "itemId", path, errors);
        EventType type = type(json, path, errors);
        Double value = value(json, type, path, errors);
        Instant timestamp = timestamp(json, path, now, errors);
        if (errors.size() == before) {
            out.add(new Event(userId, itemId, type, value, timestamp));
        }
    }

    private String id(JsonObject json, String field, String path, List<String> errors) {
        Object v = json.getValue(field);
        if (v == null) {
            errors.add(path + field + ": is required");
            return null;
        }
        if (!(v instanceof String s)) {
            errors.add(path + field + ": must be a string, got " + kind(v));
            return null;
        }
        if (s.isBlank()) {
            errors.add(path + field + ": must not be blank");
            return null;
        }
        if (s.length() > config.maxIdLength()) {
            errors.add(path + field + ": is longer than " + config.maxIdLength() + " chars (" + s.length() + ")");
            return null;
        }
        return s;
    }

    private EventType type(JsonObject json, String path, List<String> errors) {
        Object v = json.getValue("type");
        if (v == null) {
            errors.add(path + "type: is required (one of " + TYPES + ")");
            return null;
        }
        if (!(v instanceof String s)) {
            errors.add(path + "type: must be a string, got " + kind(v));
            return null;
        }
        return EventType.fromWire(s).orElseGet(() -> {
            errors.add(path + "type: unknown type '" + shorten(s) + "' (one of " + TYPES + ")");
            return null;
        });
    }

    private Double value(JsonObject json, EventType type, String path, List<String> errors) {
        Object v = json.getValue("value");
        if (v == null) {
            if (type != null && type.requiresValue()) {
                errors.add(path + "value: is required for type " + type.wireName()
                        + " (a number in [" + fmt(config.minRating()) + ", " + fmt(config.maxRating()) + "])");
            }
            return null;
        }
        if (!(v instanceof Number n)) {
            errors.add(path + "value: must be a number, got " + kind(v));
            return null;
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            errors.add(path + "value: must be finite, got " + d);
            return null;
        }
        if (type == EventType.RATE && (d < config.minRating() || d > config.maxRating())) {
            errors.add(path + "value: rating must be in [" + fmt(config.minRating()) + ", " + fmt(config.maxRating())
                    + "], got " + fmt(d));
            return null;
        }
        return d;
    }

    private Instant timestamp(JsonObject json, String path, Instant now, List<String> errors) {
        Object v = json.getValue("timestamp");
        if (v == null) {
            return now;
        }
        Instant t;
        if (v instanceof Integer || v instanceof Long) {
            long millis = ((Number) v).longValue();
            if (millis < 0) {
                errors.add(path + "timestamp: must be >= 0 epoch milliseconds, got " + millis);
                return null;
            }
            t = Instant.ofEpochMilli(millis);
        } else if (v instanceof String s) {
            try {
                t = Instant.parse(s);
            } catch (DateTimeParseException e) {
                errors.add(path + "timestamp: '" + shorten(s) + "' is not an ISO-8601 instant (e.g. 2024-05-01T12:00:00Z)");
                return null;
            }
        } else {
            errors.add(path + "timestamp: must be integer epoch milliseconds or an ISO-8601 string, got " + kind(v));
            return null;
        }
        if (t.isAfter(now.plus(config.maxFutureSkew()))) {
            errors.add(path + "timestamp: " + t + " is more than " + config.maxFutureSkew() + " in the future");
            return null;
        }
        return t;
    }

    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof JsonObject) {
            return "object";
        }
        if (v instanceof JsonArray) {
            return "array";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        return v instanceof String ? "string" : v.getClass().getSimpleName();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
