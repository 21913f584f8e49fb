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
