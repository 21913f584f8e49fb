package io.recgate.indexbuilder.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parsing of cell values. Each method returns a problem description through {@link Problem} rather
 * than throwing, so readers can report or skip the row with its line number.
 */
final class Values {

    private Values() {
    }

    /** Thrown inside a row's parsing; carries the problem text for {@link DataFormatException}. */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    /** A rating: any finite number. */
    static float rating(String s) throws Problem {
        float v = number(s, "rating");
        if (!Float.isFinite(v)) {
            throw new Problem("rating is not finite");
        }
        return v;
    }

    /** A weight: a finite number, zero or more. */
    static float weight(String s) throws Problem {
        float v = number(s, "weight");
        if (!Float.isFinite(v)) {
            throw new Problem("weight is not finite");
        }
        if (v < 0) {
            throw new Problem("negative weight " + s.trim());
        }
        return v;
    }

    private static float number(String s, String what) throws Problem {
        String t = s.trim();
        if (t.isEmpty()) {
            throw new Problem("empty " + what);
        }
        float fast = shortDecimal(t);
        if (fast == fast) {
            return fast;
        }
        char last = t.charAt(t.length() - 1);
        // Java also accepts "1f"/"1d" suffixes and hex floats; data files mean neither.
        if (last == 'f' || last == 'F' || last == 'd' || last == 'D' || t.indexOf('x') >= 0 || t.indexOf('X') >= 0) {
            throw new Problem(what + " is not a number");
        }
        try {
            return Float.parseFloat(t);
        } catch (NumberFormatException e) {
            throw new Problem(what + " is not a number");
        }
    }

    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7};

    /**
     * Fast path for short plain decimals ({@code 4}, {@code 3.5}, {@code -0.25}) with at most 7
     * digits, the usual shape of ratings: the mantissa (below 2^24) and the power of ten are exact
     * doubles, so their quotient is correctly rounded, and it cannot sit on a float rounding midpoint
     * unless it equals it, so the cast to float gives exactly what {@link Float#parseFloat} gives.
     *
     * @return the value, or NaN when the text has another shape
     */
    static float shortDecimal(String t) {
        int n = t.length();
        boolean negative = t.charAt(0) == '-';
        int i = negative || t.charAt(0) == '+' ? 1 : 0;
        int mantissa = 0;
        int digits = 0;
        int scale = -1;
        for (; i < n; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 7) {
                    return Float.NaN;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return Float.NaN;
            }
        }
        if (digits == 0) {
            return Float.NaN;
        }
        double v = scale > 0 ? mantissa / POW10[scale] : mantissa;
        return (float) (negative ? -v : v);
    }

    /**
     * A timestamp: integer epoch seconds, or ISO-8601 (a date-time with {@code Z} or an offset, a
     * local date-time taken as UTC, or a date meaning its UTC midnight); a space may stand for the
     * {@code T}.
     */
    static long timestamp(String s) throws Problem {
        String t = s.trim();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        if (t.isEmpty()) {
            throw new Problem("empty timestamp");
        }
        if (isInteger(t)) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new Problem("timestamp out of range");
            }
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            }
            if (t.endsWith("Z")) {
                return Instant.parse(t).getEpochSecond();
            }
            int tee = t.indexOf('T');
            if (tee > 0 && (t.indexOf('+', tee) > 0 || t.indexOf('-', tee) > 0)) {
                return OffsetDateTime.parse(t).toEpochSecond();
            }
            return LocalDateTime.parse(t).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Problem("timestamp is neither epoch seconds nor ISO-8601");
        }
    }

    private static boolean isInteger(String t) {
        int start = t.charAt(0) == '-' ? 1 : 0;
        if (start == t.length()) {
            return false;
        }
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A non-empty id, trimmed. */
    static String id(String s, String what) throws Problem {
        String t = s.trim();
        if (t.isEmpty()) {
            throw new Problem("empty " + what + " id");
        }
        return t;
    }
}
