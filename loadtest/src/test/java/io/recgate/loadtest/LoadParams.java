package io.recgate.loadtest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The parameters of a load test, read from system properties ({@code -Dname=value} on the Maven or
 * Gatling command line), each with a default. Every invalid value is reported at once in one
 * {@link IllegalArgumentException}. Durations take a unit ({@code 500ms}, {@code 20s}, {@code 2m});
 * a bare number is seconds. Immutable; thread-safe.
 *
 * @param gatewayUrl     {@code gateway.url}: base URL of the gateway under test (default {@code http://localhost:8080})
 * @param rate           {@code rate}: arrivals per second; for MixedTraffic, requests per second across the mix (default 50)
 * @param duration       {@code duration}: how long the measured load runs (default 60 s)
 * @param warmup         {@code warmup}: load at the same rate before it, named {@code warm-up} in the
 *                       report and left out of the latency assertions (JIT of gateway and Gatling,
 *                       connection pool); 0 for none (default 10 s)
 * @param p99Millis      {@code p99.ms}: the latency budget, 99th percentile in ms (default 20)
 * @param maxErrorPercent {@code max.error.pct}: failed requests allowed, percent of all (default 0)
 * @param adminToken     {@code admin.token}: the gateway's admin bearer token; needed for the user/item
 *                       sample (unless {@code bundle.dir}) and by SwapUnderLoad (default none)
 * @param bundleDir      {@code bundle.dir}: a bundle root or version to read ids from instead of the
 *                       admin route (default none)
 * @param k              {@code k}: recommendations per request (default 10)
 * @param candidates     {@code candidates}: retrieval depth per request (default 100)
 * @param sampleUsers    {@code sample.users}: user ids fetched for the feeder (default 2000, at most 10000)
 * @param sampleItems    {@code sample.items}: item ids fetched for the feeder (default 2000, at most 10000)
 * @param seed           {@code seed}: seeds the id sample and the feeders, so two runs send the same traffic (default 42)
 * @param zipfExponent   {@code zipf.exponent}: skew over activity/popularity ranks, 0 = uniform (default 1.0)
 * @param unknownShare   {@code unknown.share}: share of recommendation requests for users the bundle does
 *                       not know, answered by the cold-start path (default 0.05)
 * @param rampStart      {@code ramp.start}: RecommendRamp's first level, arrivals/s (default {@code rate})
 * @param rampStep       {@code ramp.step}: increase per level (default {@code rate})
 * @param rampLevels     {@code ramp.levels}: number of levels (default 8)
 * @param rampLevel      {@code ramp.level}: duration of one level (default 20 s)
 * @param swapInterval   {@code swap.interval}: SwapUnderLoad's pause between activations (default 3 s)
 * @param swapVersions   {@code swap.versions}: the two versions to alternate, comma-separated (default:
 *                       the live version and the newest other one)
 */
public record LoadParams(URI gatewayUrl, double rate, Duration duration, Duration warmup, int p99Millis, double maxErrorPercent,
                         Optional<String> adminToken, Optional<Path> bundleDir, int k, int candidates,
                         int sampleUsers, int sampleItems, long seed, double zipfExponent, double unknownShare,
                         double rampStart, double rampStep, int rampLevels, Duration rampLevel,
                         Duration swapInterval, List<String> swapVersions) {

    /** Upper bound of {@code sample.users} and {@code sample.items}, the gateway's own bound. */
    static final int MAX_SAMPLE = 10_000;

    /** Reads {@link System#getProperties()}. */
    public static LoadParams fromSystemProperties() {
        return from(System.getProperties());
    }

    /**
     * Reads {@code properties}.
     *
     * @throws IllegalArgumentException naming every invalid property with its value and what is allowed
     */
    public static LoadParams from(Properties properties) {
        Reader r = new Reader(properties);
        URI url = r.get("gateway.url", "http://localhost:8080", LoadParams::url);
        double rate = r.get("rate", "50", v -> positive(Double.parseDouble(v)));
        Duration duration = r.get("duration", "60s", LoadParams::duration);
        Duration warmup = r.get("warmup", "10s", v -> v.trim().matches("0+[a-z]*") ? Duration.ZERO : duration(v));
        int p99 = r.get("p99.ms", "20", v -> atLeast(Integer.parseInt(v), 1));
        double maxError = r.get("max.error.pct", "0", v -> between(Double.parseDouble(v), 0, 100));
        Optional<String> token = Optional.ofNullable(properties.getProperty("admin.token")).filter(t -> !t.isBlank());
        Optional<Path> bundleDir = Optional.ofNullable(properties.getProperty("bundle.dir"))
                .filter(d -> !d.isBlank()).map(Path::of);
        int k = r.get("k", "10", v -> atLeast(Integer.parseInt(v), 1));
        int candidates = r.get("candidates", "100", v -> atLeast(Integer.parseInt(v), 1));
        int users = r.get("sample.users", "2000", v -> (int) between(Integer.parseInt(v), 1, MAX_SAMPLE));
        int items = r.get("sample.items", "2000", v -> (int) between(Integer.parseInt(v), 1, MAX_SAMPLE));
        long seed = r.get("seed", "42", Long::parseLong);
        double zipf = r.get("zipf.exponent", "1.0", v -> between(Double.parseDouble(v), 0, 10));
        double unknown = r.get("unknown.share", "0.05", v -> between(Double.parseDouble(v), 0, 1));
        String rateText = Double.toString(rate);
        double rampStart = r.get("ramp.start", rateText, v -> positive(Double.parseDouble(v)));
        double rampStep = r.get("ramp.step", rateText, v -> positive(Double.parseDouble(v)));
        int rampLevels = r.get("ramp.levels", "8", v -> (int) between(Integer.parseInt(v), 1, 100));
        Duration rampLevel = r.get("ramp.level", "20s", LoadParams::duration);
        Duration swapInterval = r.get("swap.interval", "3s", LoadParams::duration);
        List<String> swapVersions = r.get("swap.versions", "", LoadParams::versions);
        if (k > candidates && !r.failed("k") && !r.failed("candidates")) {
            r.problems.add("k " + k + " > candidates " + candidates);
        }
        if (!r.problems.isEmpty()) {
            throw new IllegalArgumentException("invalid load test parameters: " + String.join("; ", r.problems));
        }
        return new LoadParams(url, rate, duration, warmup, p99, maxError, token, bundleDir, k, candidates, users, items,
                seed, zipf, unknown, rampStart, rampStep, rampLevels, rampLevel, swapInterval, swapVersions);
    }

    /** The admin token, or a failure saying how to give it and what needs it. */
    public String requireAdminToken(String neededFor) {
        return adminToken.orElseThrow(() -> new IllegalArgumentException(
                "-Dadmin.token is required for " + neededFor + " (the gateway's http.adminToken)"));
    }

    /** The arrival rate of ramp level {@code level} (0-based), per second. */
    public double rampRate(int level) {
        return rampStart + level * rampStep;
    }

    /** The gateway URL without a trailing slash, for string concatenation. */
    public String baseUrl() {
        String s = gatewayUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static URI url(String v) {
        URI uri = URI.create(v);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an http(s) URL with a host");
        }
        return uri;
    }

    /** {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, or a bare number of seconds; positive. */
    static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        Duration d;
        if (s.endsWith("ms")) {
            d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        } else if (s.endsWith("s")) {
            d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
        } else if (s.endsWith("m")) {
            d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
        } else if (s.endsWith("h")) {
            d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
        } else {
            d = Duration.ofSeconds(Long.parseLong(s));
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be a positive duration");
        }
        return d;
    }

    private static List<String> versions(String v) {
        if (v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        if (out.size() != 2 || out.get(0).equals(out.get(1))) {
            throw new IllegalArgumentException("must name two different versions, e.g. v000001,v000002");
        }
        return List.copyOf(out);
    }

    private static double positive(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("must be a positive number");
        }
        return v;
    }

    private static int atLeast(int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("must be at least " + min);
        }
        return v;
    }

    private static double between(double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("must be in [" + fmt(min) + ", " + fmt(max) + "]");
        }
        return v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Parses one property at a time, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        private final Properties properties;
        private final List<String> problems = new ArrayList<>();
        private final List<String> failedNames = new ArrayList<>();

        Reader(Properties properties) {
            this.properties = properties;
        }

        <T> T get(String name, String defaultValue, Function<String, T> parse) {
            String raw = properties.getProperty(name, defaultValue).trim();
            try {
                return parse.apply(raw);
            } catch (NumberFormatException e) {
                fail(name, raw, "must be a number");
            } catch (IllegalArgumentException e) {
                fail(name, raw, e.getMessage());
            }
            // A placeholder so the remaining properties are still read; the caller throws before use.
            return parse.apply(defaultValue);
        }

        boolean failed(String name) {
            return failedNames.contains(name);
        }

        private void fail(String name, String raw, String why) {
            failedNames.add(name);
            problems.add(name + " '" + raw + "' " + why);
        }
    }
}
