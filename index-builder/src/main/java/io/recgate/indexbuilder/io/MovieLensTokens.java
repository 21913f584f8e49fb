package io.recgate.indexbuilder.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Side-feature tokens shared by the MovieLens readers: age buckets, decades, zip prefixes. */
final class MovieLensTokens {

    private static final Pattern TITLE_YEAR = Pattern.compile("\\((\\d{4})(?:[-\u2013]\\d{4})?\\)\\s*$");

    /** ML-1M occupation codes, as listed in its README. */
    private static final String[] OCCUPATIONS = {
        "other", "academic/educator", "artist", "clerical/admin", "college/grad student", "customer service",
        "doctor/health care", "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer", "programmer",
        "retired", "sales/marketing", "scientist", "self-employed", "technician/engineer", "tradesman/craftsman",
        "unemployed", "writer",
    };

    private MovieLensTokens() {
    }

    /** The ML-1M bucket of an age in years: {@code <18, 18-24, 25-34, 35-44, 45-49, 50-55, 56+}. */
    static String ageBucket(int age) {
        if (age < 18) {
            return "<18";
        } else if (age < 25) {
            return "18-24";
        } else if (age < 35) {
            return "25-34";
        } else if (age < 45) {
            return "35-44";
        } else if (age < 50) {
            return "45-49";
        } else if (age < 56) {
            return "50-55";
        }
        return "56+";
    }

    /**
     * The bucket of an ML-1M age code (1, 18, 25, 35, 45, 50, 56), or null for another value.
     */
    static String ageCodeBucket(int code) {
        return switch (code) {
            case 1, 18, 25, 35, 45, 50, 56 -> ageBucket(code);
            default -> null;
        };
    }

    /** The ML-1M occupation name of a code 0..20, or null. */
    static String occupation(int code) {
        return code >= 0 && code < OCCUPATIONS.length ? OCCUPATIONS[code] : null;
    }

    /** {@code 1990s} for 1995. */
    static String decade(int year) {
        return (year / 10 * 10) + "s";
    }

    /**
     * The region part of a zip code: its first digit for a numeric (US) code, its first two
     * characters upper-cased otherwise (e.g. Canadian {@code T8H1N} gives {@code T8}); null when empty.
     */
    static String zipPrefix(String zip) {
        String z = zip.trim();
        if (z.isEmpty()) {
            return null;
        }
        if (Character.isDigit(z.charAt(0))) {
            return z.substring(0, 1);
        }
        return z.substring(0, Math.min(2, z.length())).toUpperCase(java.util.Locale.ROOT);
    }

    /** The year in a trailing {@code (1995)} of a title, or -1. */
    static int yearFromTitle(String title) {
        Matcher m = TITLE_YEAR.matcher(title);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
