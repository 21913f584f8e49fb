package io.recgate.indexbuilder.events;

import io.recgate.core.events.EventType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The implicit weight each gateway event type contributes to its (user, item) pair in the export.
 * Defaults: {@code view=1, click=2, like=4, purchase=8, rate=value} ({@code value}: a {@code rate}
 * event weighs its rating). The rebuild's CSV reader sums the weights of repeated pairs. A weight of
 * 0 drops the type. Immutable, thread-safe.
 */
public final class EventWeights {

    /** The event types the gateway writes: core's {@link EventType} wire names. */
    public static final java.util.List<String> TYPES = java.util.Arrays.stream(EventType.values())
            .map(EventType::wireName).toList();

    /** Stands for "the event's own value" in place of a fixed weight. */
    static final double USE_VALUE = Double.NaN;

    private final Map<String, Double> weights;

    private EventWeights(Map<String, Double> weights) {
        this.weights = Map.copyOf(weights);
    }

    /** The defaults. */
    public static EventWeights defaults() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("view", 1.0);
        w.put("click", 2.0);
        w.put("like", 4.0);
        w.put("purchase", 8.0);
        w.put("rate", USE_VALUE);
        return new EventWeights(w);
    }

    /**
     * The defaults with some types changed: {@code TYPE=W} ({@code W} finite, at least 0) or
     * {@code TYPE=value}.
     *
     * @throws IllegalArgumentException naming every unknown type and bad weight at once
     */
    public static EventWeights parse(Map<String, String> overrides) {
        Map<String, Double> w = new LinkedHashMap<>(defaults().weights);
        StringBuilder errors = new StringBuilder();
        overrides.forEach((type, text) -> {
            String t = type.strip().toLowerCase(Locale.ROOT);
            String v = text.strip();
            if (!TYPES.contains(t)) {
                errors.append("; unknown event type '").append(type).append("' (known: ").append(String.join(", ", TYPES)).append(')');
                return;
            }
            if (v.equalsIgnoreCase("value")) {
                w.put(t, USE_VALUE);
                return;
            }
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                errors.append("; weight of ").append(t).append(" '").append(text).append("' is not a number or 'value'");
                return;
            }
            if (!Double.isFinite(d) || d < 0) {
                errors.append("; weight of ").append(t).append(' ').append(text).append(" must be finite and >= 0");
                return;
            }
            w.put(t, d);
        });
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.substring(2));
        }
        return new EventWeights(w);
    }

    /**
     * The weight of one event, or NaN when the event counts for nothing: an unknown type, a type
     * weighted 0, or a value-weighted event without a finite value above 0.
     */
    public double weight(String type, Double value) {
        Double w = weights.get(type);
        if (w == null) {
            return Double.NaN;
        }
        if (Double.isNaN(w)) {
            return value != null && Double.isFinite(value) && value > 0 ? value : Double.NaN;
        }
        return w > 0 ? w : Double.NaN;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (String t : TYPES) {
            Double w = weights.get(t);
            s.append(s.isEmpty() ? "" : ",").append(t).append('=').append(Double.isNaN(w) ? "value" : fmt(w));
        }
        return s.toString();
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
