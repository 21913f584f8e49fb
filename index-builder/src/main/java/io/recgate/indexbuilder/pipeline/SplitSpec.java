package io.recgate.indexbuilder.pipeline;

import java.util.Locale;

/**
 * How to hold out test data when no test file is given: {@code none}, {@code random:F} (a random
 * fraction F), {@code time:F} (the latest fraction F by timestamp), or {@code last:N} (each user's N
 * most recent interactions).
 */
public record SplitSpec(Kind kind, double fraction, int lastN) {

    public enum Kind { NONE, RANDOM, TIME, LAST }

    public static final SplitSpec NONE = new SplitSpec(Kind.NONE, 0, 0);

    /**
     * @throws IllegalArgumentException for anything but the four forms above
     */
    public static SplitSpec parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return NONE;
        }
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? "" : s.substring(colon + 1);
        try {
            return switch (kind) {
                case "random" -> new SplitSpec(Kind.RANDOM, fraction(arg, text), 0);
                case "time" -> new SplitSpec(Kind.TIME, fraction(arg, text), 0);
                case "last" -> {
                    int n = Integer.parseInt(arg);
                    if (n < 1) {
                        throw new NumberFormatException();
                    }
                    yield new SplitSpec(Kind.LAST, 0, n);
                }
                default -> throw new IllegalArgumentException(usage(text));
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage(text), e);
        }
    }

    private static double fraction(String arg, String text) {
        double f = Double.parseDouble(arg);
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException(usage(text));
        }
        return f;
    }

    private static String usage(String text) {
        return "bad split '" + text + "': use none, random:F or time:F with 0 < F < 1, or last:N with N >= 1";
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case RANDOM -> "random:" + fraction;
            case TIME -> "time:" + fraction;
            case LAST -> "last:" + lastN;
        };
    }
}
