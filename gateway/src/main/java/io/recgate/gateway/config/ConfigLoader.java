package io.recgate.gateway.config;

import io.recgate.core.serving.RerankerKind;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link GatewayConfig} from four layers, each overriding the one before: built-in defaults,
 * a JSON file, the environment, command-line flags. All layers use the same dotted keys
 * ({@code http.port}, {@code store.redisUrl}, ...; see {@link #keys()}):
 * <ul>
 *   <li>file: nested ({@code {"http":{"port":8080}}}) or flat ({@code {"http.port":8080}}); an unknown key is an error;</li>
 *   <li>environment: {@code RECGATE_} + the key in upper snake case ({@code RECGATE_HTTP_MAX_BODY_BYTES});
 *       other {@code RECGATE_*} variables are ignored;</li>
 *   <li>flags: a map from key to value, filled by the CLI.</li>
 * </ul>
 * Durations carry a unit: {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 7d} or ISO-8601 ({@code PT2S}).
 * Every invalid value is reported at once in one {@link ConfigException}; secret values (the admin
 * token, passwords in URLs) never appear in messages.
 *
 * <p>This is the only class of the gateway that reads the environment. Stateless and thread-safe;
 * it reads the file synchronously, so call it before starting Vert.x (or on a worker thread).
 */
public final class ConfigLoader {

    /** Environment variable prefix. */
    public static final String ENV_PREFIX = "RECGATE_";

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
    private static final Set<String> SECRET_KEYS = Set.of("http.adminToken");
    private static final Set<String> URI_KEYS = Set.of("store.postgresUrl", "store.redisUrl");
    private static final int MIN_ADMIN_TOKEN_CHARS = 16;
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    static {
        DEFAULTS.put("http.host", "0.0.0.0");
        DEFAULTS.put("http.port", "8080");
        DEFAULTS.put("http.instances", Integer.toString(Runtime.getRuntime().availableProcessors()));
        DEFAULTS.put("http.maxBodyBytes", "1048576");
        DEFAULTS.put("http.requestTimeout", "2s");
        DEFAULTS.put("http.maxInFlight", "512");
        DEFAULTS.put("http.retryAfter", "1s");
        DEFAULTS.put("http.maxK", "100");
        DEFAULTS.put("http.maxCandidates", "2000");
        DEFAULTS.put("http.adminToken", "");
        DEFAULTS.put("events.maxBatchSize", "1000");
        DEFAULTS.put("events.minRating", "1");
        DEFAULTS.put("events.maxRating", "5");
        DEFAULTS.put("events.maxFutureSkew", "5m");
        DEFAULTS.put("events.maxIdLength", "256");
        DEFAULTS.put("store.dataDir", "data");
        DEFAULTS.put("store.postgresUrl", "");
        DEFAULTS.put("store.redisUrl", "");
        DEFAULTS.put("store.ioPoolSize", "2");
        DEFAULTS.put("store.postgresPoolSize", "4");
        DEFAULTS.put("store.connectTimeout", "2s");
        DEFAULTS.put("store.commandTimeout", "500ms");
        DEFAULTS.put("store.recentPerUser", "100");
        DEFAULTS.put("store.recentMaxUsers", "100000");
        DEFAULTS.put("store.recentTtl", "30d");
        DEFAULTS.put("store.responseCacheTtl", "30s");
        DEFAULTS.put("store.responseCacheMaxEntries", "10000");
        DEFAULTS.put("store.replayMaxEvents", "1000000");
        DEFAULTS.put("store.healthCheckInterval", "5s");
        DEFAULTS.put("bundles.dir", "");
        DEFAULTS.put("bundles.pollInterval", "5s");
        DEFAULTS.put("bundles.warmupQueries", "20");
        DEFAULTS.put("recommend.defaultK", "10");
        // The builder evaluates the served list at the same number (one constant in core).
        DEFAULTS.put("recommend.defaultCandidates", String.valueOf(RerankerKind.DEFAULT_CANDIDATES));
        DEFAULTS.put("recommend.maxBatchUsers", "100");
        DEFAULTS.put("recommend.poolSize", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    private ConfigLoader() {
    }

    /** Every key with its default value, in a stable order. */
    public static Map<String, String> keys() {
        return Map.copyOf(DEFAULTS);
    }

    /** The environment variable read for a key: {@code http.maxBodyBytes -> RECGATE_HTTP_MAX_BODY_BYTES}. */
    public static String envName(String key) {
        StringBuilder out = new StringBuilder(ENV_PREFIX);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.') {
                out.append('_');
            } else if (Character.isUpperCase(c)) {
                out.append('_').append(c);
            } else {
                out.append(Character.toUpperCase(c));
            }
        }
        return out.toString();
    }

    /** Loads from the process environment ({@link System#getenv()}); see {@link #load}. */
    public static GatewayConfig fromSystem(Optional<Path> file, Map<String, String> flags) {
        return load(file, System.getenv(), flags);
    }

    /**
     * Loads defaults &lt; file &lt; env &lt; flags and validates the result.
     *
     * @param file  optional JSON file
     * @param env   environment variables (pass {@code System.getenv()} or a test map)
     * @param flags key to value, highest precedence
     * @throws ConfigException with every problem found (unknown keys, unreadable file, bad values)
     */
    public static GatewayConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> flags) {
        List<String> errors = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        Map<String, String> origin = new LinkedHashMap<>();
        DEFAULTS.keySet().forEach(k -> origin.put(k, "default"));

        file.ifPresent(path -> readFile(path, errors).forEach((k, v) -> put(values, origin, k, v, "file " + path, errors)));
        for (String key : DEFAULTS.keySet()) {
            String v = env.get(envName(key));
            if (v != null) {
                put(values, origin, key, v, "environment " + envName(key), errors);
            }
        }
        flags.forEach((k, v) -> put(values, origin, k, v, "flag", errors));

        Parser p = new Parser(values, origin, errors);
        HttpConfig http = new HttpConfig(
                p.string("http.host", false),
                p.integer("http.port", 0, 65535),
                p.integer("http.instances", 1, 1024),
                p.longValue("http.maxBodyBytes", 1, Integer.MAX_VALUE),
                p.duration("http.requestTimeout", Duration.ofMillis(1), Duration.ofHours(1)),
                p.integer("http.maxInFlight", 1, 1_000_000),
                p.duration("http.retryAfter", Duration.ZERO, Duration.ofHours(1)),
                p.integer("http.maxK", 1, 100_000),
                p.integer("http.maxCandidates", 1, 1_000_000),
                p.optional("http.adminToken"));
        if (http.maxCandidates() < http.maxK()) {
            errors.add("http.maxCandidates (" + http.maxCandidates() + ") must be >= http.maxK (" + http.maxK() + ")");
        }
        http.adminToken().ifPresent(t -> {
            if (t.length() < MIN_ADMIN_TOKEN_CHARS) {
                errors.add("http.adminToken: too short (" + t.length() + " chars < " + MIN_ADMIN_TOKEN_CHARS
                        + "), from " + origin.get("http.adminToken"));
            }
        });
        EventsConfig events = new EventsConfig(
                p.integer("events.maxBatchSize", 1, 1_000_000),
                p.decimal("events.minRating"),
                p.decimal("events.maxRating"),
                p.duration("events.maxFutureSkew", Duration.ZERO, Duration.ofDays(365)),
                p.integer("events.maxIdLength", 1, 65_536));
        if (!(events.minRating() < events.maxRating())) {
            errors.add("events.minRating (" + events.minRating() + ") must be < events.maxRating (" + events.maxRating() + ")");
        }
        StoreConfig store = new StoreConfig(
                p.path("store.dataDir"),
                p.uri("store.postgresUrl", "postgresql", "postgres"),
                p.uri("store.redisUrl", "redis", "rediss"),
                p.integer("store.ioPoolSize", 1, 256),
                p.integer("store.postgresPoolSize", 1, 256),
                p.duration("store.connectTimeout", Duration.ofMillis(1), Duration.ofMinutes(5)),
                p.duration("store.commandTimeout", Duration.ofMillis(1), Duration.ofMinutes(5)),
                p.integer("store.recentPerUser", 1, 100_000),
                p.integer("store.recentMaxUsers", 1, 100_000_000),
                p.duration("store.recentTtl", Duration.ofSeconds(1), Duration.ofDays(3650)),
                p.duration("store.responseCacheTtl", Duration.ofMillis(1), Duration.ofDays(1)),
                p.integer("store.responseCacheMaxEntries", 0, 100_000_000),
                p.integer("store.replayMaxEvents", 0, Integer.MAX_VALUE),
                p.duration("store.healthCheckInterval", Duration.ofMillis(10), Duration.ofHours(1)));
        Optional<Path> bundles = p.optional("bundles.dir").map(s -> p.toPath("bundles.dir", s));
        RecommendConfig recommend = new RecommendConfig(
                p.duration("bundles.pollInterval", Duration.ofMillis(10), Duration.ofHours(24)),
                p.integer("bundles.warmupQueries", 0, 100_000),
                p.integer("recommend.defaultK", 1, 100_000),
                p.integer("recommend.defaultCandidates", 1, 1_000_000),
                p.integer("recommend.maxBatchUsers", 1, 100_000),
                p.integer("recommend.poolSize", 1, 1024));
        // Only when both parsed: a refused http.maxK already has its own error.
        if (recommend.defaultK() > http.maxK() && errors.stream().noneMatch(e -> e.startsWith("http.maxK")
                || e.startsWith("recommend.defaultK"))) {
            errors.add("recommend.defaultK (" + recommend.defaultK() + ") must be <= http.maxK (" + http.maxK() + ")");
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new GatewayConfig(http, events, store, bundles, recommend);
    }

    private static void put(Map<String, String> values, Map<String, String> origin, String key, String value,
                            String from, List<String> errors) {
        if (!DEFAULTS.containsKey(key)) {
            errors.add("unknown key '" + key + "' from " + from);
            return;
        }
        values.put(key, value);
        origin.put(key, from);
    }

    private static Map<String, String> readFile(Path path, List<String> errors) {
        Map<String, String> flat = new LinkedHashMap<>();
        try {
            flatten("", new JsonObject(Files.readString(path)), flat, errors, path);
        } catch (NoSuchFileException e) {
            errors.add("config file " + path + " does not exist");
        } catch (IOException e) {
            errors.add("config file " + path + " cannot be read: " + e.getMessage());
        } catch (DecodeException e) {
            errors.add("config file " + path + " is not a JSON object: " + e.getMessage());
        } catch (UncheckedIOException e) {
            errors.add("config file " + path + " cannot be read: " + e.getCause().getMessage());
        }
        return flat;
    }

    private static void flatten(String prefix, JsonObject json, Map<String, String> out, List<String> errors, Path path) {
        for (String name : json.fieldNames()) {
            Object v = json.getValue(name);
            String key = prefix + name;
            if (v instanceof JsonObject nested) {
                flatten(key + ".", nested, out, errors, path);
            } else if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
                out.put(key, v == null ? "" : v.toString());
            } else {
                errors.add(key + ": must be a string or a number in " + path);
            }
        }
    }

    /** Parses values, collecting errors; returns a harmless placeholder for a bad value so parsing goes on. */
    private record Parser(Map<String, String> values, Map<String, String> origin, List<String> errors) {

        private String shown(String key) {
            String v = values.get(key);
            if (SECRET_KEYS.contains(key)) {
                return "<secret>";
            }
            return "'" + (URI_KEYS.contains(key) ? Secrets.redactUri(v) : v) + "'";
        }

        private void bad(String key, String why) {
            errors.add(key + ": " + shown(key) + " " + why + " (from " + origin.get(key) + ")");
        }

        String string(String key, boolean allowEmpty) {
            String v = values.get(key).trim();
            if (!allowEmpty && v.isEmpty()) {
                bad(key, "must not be empty");
            }
            return v;
        }

        Optional<String> optional(String key) {
            String v = values.get(key).trim();
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        }

        int integer(String key, int min, int max) {
            return (int) longValue(key, min, max);
        }

        long longValue(String key, long min, long max) {
            String v = values.get(key).trim();
            try {
                long n = Long.parseLong(v);
                if (n < min || n > max) {
                    bad(key, "is out of range [" + min + ", " + max + "]");
                    return min;
                }
                return n;
            } catch (NumberFormatException e) {
                bad(key, "is not an integer");
                return min;
            }
        }

        double decimal(String key) {
            String v = values.get(key).trim();
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    bad(key, "is not a finite number");
                    return 0;
                }
                return d;
            } catch (NumberFormatException e) {
                bad(key, "is not a number");
                return 0;
            }
        }

        Duration duration(String key, Duration min, Duration max) {
            String v = values.get(key).trim();
            Duration d;
            Matcher m = DURATION.matcher(v);
            try {
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    d = switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                } else {
                    d = Duration.parse(v.toUpperCase(Locale.ROOT));
                }
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                bad(key, "is not a duration with a unit (e.g. 250ms, 2s, 5m, 1h, 7d, PT2S)");
                return min;
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                bad(key, "is out of range [" + min + ", " + max + "]");
                return min;
            }
            return d;
        }

        Path path(String key) {
            return toPath(key, string(key, false));
        }

        Path toPath(String key, String v) {
            try {
                return Path.of(v);
            } catch (InvalidPathException e) {
                bad(key, "is not a valid path: " + e.getReason());
                return Path.of(".");
            }
        }

        Optional<String> uri(String key, String... schemes) {
            Optional<String> v = optional(key);
            if (v.isPresent()) {
                String s = v.get();
                int colon = s.indexOf("://");
                String scheme = colon < 0 ? "" : s.substring(0, colon);
                if (!List.of(schemes).contains(scheme)) {
                    bad(key, "must start with " + String.join("://, ", schemes) + "://");
                }
            }
            return v;
        }
    }
}
