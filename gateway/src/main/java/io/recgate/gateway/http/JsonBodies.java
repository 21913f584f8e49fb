package io.recgate.gateway.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a request body as JSON: 415 {@code unsupported_media_type} unless the Content-Type is
 * {@code application/json} (parameters such as charset allowed; a missing one is refused when there is
 * a body), 400 {@code missing_body} for an empty body, 400 {@code malformed_json} for a body that does not
 * parse: {@code body is not valid JSON: <reason> at line L, column C}, the parser's reason in plain
 * words (no parser class or option names, cut at a word boundary). Runs on the event loop (bodies are
 * capped by {@code http.maxBodyBytes}). Stateless.
 */
public final class JsonBodies {

    private static final int MAX_REASON_CHARS = 120;
    private static final int MAX_SHOWN_TYPE_CHARS = 60;
    /** Where Jackson starts to describe its input source ("[Source: REDACTED (`StreamReadFeature...`)"). */
    private static final Pattern SOURCE_DETAIL = Pattern.compile("\\s*\\([^()]*\\[Source:.*|\\s*(?:\\bat )?\\[Source:.*",
            Pattern.DOTALL);
    private static final Pattern CHARACTER = Pattern.compile("\\('(.{1,2})' \\(code \\d+\\)\\)");
    private static final Pattern CONTROL_CHARACTER = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");

    private JsonBodies() {
    }

    /**
     * The parsed body: a {@link io.vertx.core.json.JsonObject}, {@link io.vertx.core.json.JsonArray},
     * String, Number, Boolean or {@code null} for the literal null.
     *
     * @throws ApiException 415 or 400 as described above
     */
    public static Object value(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null && !isJson(contentType)) {
            throw unsupported("got '" + (contentType.length() <= MAX_SHOWN_TYPE_CHARS ? contentType
                    : contentType.substring(0, MAX_SHOWN_TYPE_CHARS) + "...") + "'");
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("missing_body", "request body is empty; a JSON body is required");
        }
        if (contentType == null) {
            throw unsupported("got none");
        }
        try {
            return Json.decodeValue(body);
        } catch (DecodeException e) {
            throw ApiException.badRequest("malformed_json", "body is not valid JSON: " + describe(e));
        }
    }

    /** {@code application/json}, parameters (charset) allowed; not {@code text/json} nor {@code application/x+json}. */
    static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static ApiException unsupported(String what) {
        return new ApiException(415, "unsupported_media_type", "Content-Type must be application/json, " + what);
    }

    /** The parser's complaint in plain words plus where it stopped, e.g. {@code unexpected end of input inside an object at line 1, column 10}. */
    static String describe(DecodeException e) {
        String reason;
        JsonLocation at = null;
        if (e.getCause() instanceof JsonProcessingException parse) {
            reason = parse.getOriginalMessage();
            at = parse.getLocation();
        } else {
            reason = e.getMessage();
        }
        reason = plain(reason == null ? "" : reason);
        if (at != null && at.getLineNr() > 0 && at.getColumnNr() > 0) {
            reason += " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return reason;
    }

    private static String plain(String parserMessage) {
        String s = parserMessage.startsWith("Failed to decode:") ? parserMessage.substring("Failed to decode:".length())
                : parserMessage;
        int newline = s.indexOf('\n');
        s = newline >= 0 ? s.substring(0, newline) : s;
        s = SOURCE_DETAIL.matcher(s).replaceFirst("");
        s = CHARACTER.matcher(s).replaceAll("'$1'");
        s = CONTROL_CHARACTER.matcher(s).replaceAll("(control character $1)");
        s = s.replace("end-of-input", "end of input")
                .replace("within/between Object entries", "inside an object")
                .replace("within/between Array entries", "inside an array")
                .replace("in VALUE_STRING", "inside a string")
                .replace("(JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                        "a JSON value (string, number, array, object, true, false or null)")
                .strip();
        if (s.isEmpty()) {
            return "cannot parse";
        }
        s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
        if (s.length() > MAX_REASON_CHARS) {
            int space = s.lastIndexOf(' ', MAX_REASON_CHARS);
            s = s.substring(0, space > MAX_REASON_CHARS / 2 ? space : MAX_REASON_CHARS) + "...";
        }
        return s;
    }
}
