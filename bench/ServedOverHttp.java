import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what a running gateway serves, as a user of it would: for every user of a test file,
 * {@code GET /v1/users/{id}/recommendations?k=K[&candidates=C]}, scored against the user's test
 * items with the index builder's definitions (every test item relevant, binary gains, NDCG@K with
 * log2(rank + 1) discounts over min(|relevant|, K); P@K = hits / K; recall@K = hits / |relevant|),
 * averaged over the users. Compare with the bundle's {@code served.ndcg@K}.
 *
 * <pre>
 * java bench/ServedOverHttp.java --url http://localhost:8080 \
 *     --test ../shared/data/movielens/ml-100k/u1.test [--k 10] [--candidates 200] [--rerank none]
 * </pre>
 * The test file has the user id and the item id as its first two fields, separated by tabs, commas
 * or spaces (MovieLens {@code u1.test}, or a CSV whose header line starts with {@code user}).
 * Loopback only in this project's benchmarks; requests are sequential, one connection.
 */
public final class ServedOverHttp {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = options(args);
        String url = options.getOrDefault("url", "http://localhost:8080");
        Path test = Path.of(require(options, "test"));
        int k = Integer.parseInt(options.getOrDefault("k", "10"));
        String extra = (options.containsKey("candidates") ? "&candidates=" + options.get("candidates") : "")
                + (options.containsKey("rerank") ? "&rerank=" + options.get("rerank") : "");
        Map<String, Set<String>> relevant = read(test);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        double ndcg = 0;
        double precision = 0;
        double recall = 0;
        int users = 0;
        int unknown = 0;
        long start = System.nanoTime();
        for (Map.Entry<String, Set<String>> e : relevant.entrySet()) {
            String uri = url + "/v1/users/" + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "/recommendations?k=" + k + extra;
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
            }
            if (r.body().contains("\"coldStart\":true")) {
                unknown++;
            }
            List<String> list = ids(r.body());
            int hits = 0;
            double dcg = 0;
            for (int rank = 0; rank < list.size() && rank < k; rank++) {
                if (e.getValue().contains(list.get(rank))) {
                    hits++;
                    dcg += 1 / log2(rank + 2);
                }
            }
            double ideal = 0;
            for (int rank = 0; rank < Math.min(k, e.getValue().size()); rank++) {
                ideal += 1 / log2(rank + 2);
            }
            ndcg += dcg / ideal;
            precision += (double) hits / k;
            recall += (double) hits / e.getValue().size();
            users++;
        }
        System.out.printf(Locale.ROOT, "users %d (cold start %d), NDCG@%d %.4f, P@%d %.4f, recall@%d %.4f"
                + " over HTTP (%s%s) in %.1f s%n", users, unknown, k, ndcg / users, k, precision / users, k,
                recall / users, url, extra, (System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Set<String>> read(Path test) throws IOException {
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(test, StandardCharsets.ISO_8859_1);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || n == 0 && line.toLowerCase(Locale.ROOT).startsWith("user")) {
                continue;
            }
            String[] fields = line.split("[\t, ]+");
            if (fields.length < 2) {
                throw new IllegalArgumentException(test + ":" + (n + 1) + ": expected 'user item ...', got: " + line);
            }
            relevant.computeIfAbsent(fields[0], u -> new LinkedHashSet<>()).add(fields[1]);
        }
        return relevant;
    }

    private static List<String> ids(String body) {
        int items = body.indexOf("\"items\"");
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(body);
        while (m.find(items < 0 ? 0 : items) && m.start() >= items) {
            ids.add(m.group(1));
            items = m.end();
        }
        return ids;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: java bench/ServedOverHttp.java --url URL --test FILE"
                        + " [--k 10] [--candidates C] [--rerank KIND]; got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
