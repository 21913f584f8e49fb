package io.recgate.gateway.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validation of query parameters: each failure is a 400 {@code invalid_parameter} naming the
 * parameter, the allowed range and the value received. Stateless; thread-safe.
 */
public final class QueryParams {

    private static final int MAX_SHOWN_CHARS = 40;
    /** Unknown names listed in one message; the rest are counted. */
    private static final int MAX_SHOWN_NAMES = 3;
    /** An integer as a client writes it: an optional sign and at most 10 ASCII digits; nothing else, not even spaces. */
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,10}");

    private QueryParams() {
    }

    /**
     * An integer parameter in {@code [min, max]}, or {@code defaultValue} when absent.
     *
     * Only an optional sign and ASCII digits are an integer ({@code 1%00}, {@code " 5"}, {@code 1e3} are not).
     *
     * @throws ApiException 400 when repeated, not an integer, or out of range
     */
    public static int intParam(MultiMap params, String name, int defaultValue, int min, int max) {
        List<String> values = params.getAll(name);
        if (values.isEmpty()) {
            return defaultValue;
        }
        if (values.size() > 1) {
            throw invalid(name + " is given " + values.size() + " times; give it once");
        }
        String raw = values.get(0);
        if (!INTEGER.matcher(raw).matches()) {
            throw invalid(name + " must be an integer in [" + min + ", " + max + "], got '" + shown(raw) + "'");
        }
        long value = Long.parseLong(raw);
        if (value < min || value > max) {
            throw invalid(name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return (int) value;
    }

    /**
     * {@code k}, the number of results: {@code [1, maxK]}, {@code defaultK} when absent.
     *
     * @throws ApiException 400 as {@link #intParam}
     * @throws IllegalArgumentException if {@code defaultK} is outside {@code [1, maxK]}
     */
    public static int k(MultiMap params, int defaultK, int maxK) {
        if (defaultK < 1 || defaultK > maxK) {
            throw new IllegalArgumentException("defaultK " + defaultK + " outside [1, " + maxK + "]");
        }
        return intParam(params, "k", defaultK, 1, maxK);
    }

    /**
     * {@code candidates}, how many items to retrieve before reranking: {@code [k, maxCandidates]};
     * when absent, {@code defaultCandidates} clamped into that range.
     *
     * @throws ApiException 400 as {@link #intParam}
     * @throws IllegalArgumentException if {@code k > maxCandidates}
     */
    public static int candidates(MultiMap params, int k, int defaultCandidates, int maxCandidates) {
        if (k > maxCandidates) {
            throw new IllegalArgumentException("k " + k + " > maxCandidates " + maxCandidates);
        }
        int fallback = Math.min(maxCandidates, Math.max(k, defaultCandidates));
        return intParam(params, "candidates", fallback, k, maxCandidates);
    }

    /**
     * A required, non-blank string parameter of at most {@code maxChars} chars (path or query).
     *
     * @throws ApiException 400 when missing, blank or too long
     */
    public static String requiredString(String name, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            throw invalid(name + " is required");
        }
        if (value.length() > maxChars) {
            throw invalid(name + " is longer than " + maxChars + " chars (" + value.length() + ")");
        }
        return value;
    }

    /**
     * Refuses query parameters outside {@code allowed} (names compared exactly, as JSON field names
     * are). The message names up to {@value #MAX_SHOWN_NAMES} unknown parameters (sorted), each cut to
     * {@value #MAX_SHOWN_CHARS} chars, and lists the allowed ones.
     *
     * @throws ApiException 400 {@code invalid_parameter} when a parameter is not allowed
     */
    public static void allowOnly(MultiMap params, Set<String> allowed) {
        if (params.isEmpty()) {
            return;
        }
        List<String> unknown = null;
        for (String name : params.names()) {
            if (!allowed.contains(name)) {
                unknown = unknown == null ? new ArrayList<>() : unknown;
                unknown.add(name);
            }
        }
        if (unknown == null) {
            return;
        }
        unknown.sort(null);
        StringBuilder message = new StringBuilder(unknown.size() == 1 ? "unknown query parameter " : "unknown query parameters ");
        for (int i = 0; i < Math.min(unknown.size(), MAX_SHOWN_NAMES); i++) {
            message.append(i == 0 ? "" : ", ").append('\'').append(shown(unknown.get(i))).append('\'');
        }
        if (unknown.size() > MAX_SHOWN_NAMES) {
            message.append(" and ").append(unknown.size() - MAX_SHOWN_NAMES).append(" more");
        }
        message.append(allowed.isEmpty() ? "; this route takes no query parameters"
                : "; allowed: " + String.join(", ", new TreeSet<>(allowed)));
        throw invalid(message.toString());
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("invalid_parameter", message);
    }

    /**
     * Fails with 400 {@code invalid_parameter} when the query string cannot be decoded (a bad
     * percent-escape such as {@code %zz}); decoding it here, once, keeps the error out of the route
     * handlers, where it would surface as a 500 (and where a second call would see a half-filled map).
     * Decoded parameters stay cached on the context.
     */
    static void requireDecodable(RoutingContext ctx) {
        if (ctx.request().query() == null) {
            return;
        }
        try {
            ctx.queryParams();
        } catch (HttpException | IllegalArgumentException e) {
            // Vert.x Web wraps the decoder's IllegalArgumentException in a 400 HttpException.
            throw invalid("the query string cannot be decoded (invalid percent-encoding)");
        }
    }

    private static String shown(String raw) {
        String cut = raw.length() <= MAX_SHOWN_CHARS ? raw : raw.substring(0, MAX_SHOWN_CHARS) + "...";
        StringBuilder plain = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            plain.append(Character.isISOControl(c) ? '?' : c);
        }
        return plain.toString();
    }
}
