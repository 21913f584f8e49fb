package io.recgate.indexbuilder.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGeneratorTest {

    private static final List<String> FILES =
            List.of("interactions.csv", "items.csv", "users.csv", "generator.json", "README.txt");
    private static final GeneratorParams SMALL = GeneratorParams.of(1500, 800, 40_000).withThreads(2);

    @TempDir
    static Path shared;
    private static Path smallDir;
    private static List<String[]> rows;

    @BeforeAll
    static void generateSmallSet() throws IOException {
        smallDir = shared.resolve("small");
        SyntheticGenerator.generate(SMALL, smallDir, ProgressListener.NONE);
        rows = readCsv(smallDir.resolve("interactions.csv"));
    }

    @Test
    void sameSeedGivesIdenticalBytesForAnyThreadCount(@TempDir Path dir) throws IOException {
        SyntheticGenerator.generate(SMALL.withThreads(1), dir.resolve("one"), ProgressListener.NONE);
        SyntheticGenerator.generate(SMALL.withThreads(3), dir.resolve("three"), ProgressListener.NONE);
        for (String file : FILES) {
            byte[] expected = Files.readAllBytes(smallDir.resolve(file));
            assertArrayEquals(expected, Files.readAllBytes(dir.resolve("one").resolve(file)), file + " (1 thread)");
            assertArrayEquals(expected, Files.readAllBytes(dir.resolve("three").resolve(file)), file + " (3 threads)");
        }
    }

    @Test
    void differentSeedGivesDifferentData(@TempDir Path dir) throws IOException {
        SyntheticGenerator.generate(SMALL.withSeed(43), dir, ProgressListener.NONE);
        assertFalse(Arrays.equals(Files.readAllBytes(smallDir.resolve("interactions.csv")),
                Files.readAllBytes(dir.resolve("interactions.csv"))));
    }

    @Test
    void writesExactlyTheRequestedSizesWithHeaders() throws IOException {
        assertEquals("user_id,item_id,rating,timestamp", firstLine(smallDir.resolve("interactions.csv")));
        assertEquals("item_id,title,categories", firstLine(smallDir.resolve("items.csv")));
        assertEquals("user_id,age,gender,region", firstLine(smallDir.resolve("users.csv")));
        assertEquals(40_000, rows.size() - 1);
        assertEquals(800, readCsv(smallDir.resolve("items.csv")).size() - 1);
        assertEquals(1500, readCsv(smallDir.resolve("users.csv")).size() - 1);
        JsonNode json = new ObjectMapper().readTree(smallDir.resolve("generator.json").toFile());
        assertEquals(42, json.get("seed").asLong());
        assertEquals(40_000, json.get("interactions").asLong());
        assertEquals(16, json.get("rank").asInt());
    }

    @Test
    void eachUserItemPairOccursOnceAndEveryUserIsActive() {
        Set<String> pairs = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (String[] row : rows.subList(1, rows.size())) {
            assertTrue(pairs.add(row[0] + "," + row[1]), "duplicate " + row[0] + "," + row[1]);
            users.add(row[0]);
        }
        // 40,000 rows >= 1,500 users, so everyone gets at least one
        assertEquals(1500, users.size());
    }

    @Test
    void ratingsAndTimestampsAreInRangeAndTimeOrderedPerUser() {
        long start = GeneratorParams.DEFAULT_START_EPOCH_SECOND;
        long end = start + 366L * 86_400;
        String previousUser = "";
        long previousTime = 0;
        int[] histogram = new int[6];
        for (String[] row : rows.subList(1, rows.size())) {
            int rating = Integer.parseInt(row[2]);
            long time = Long.parseLong(row[3]);
            assertTrue(rating >= 1 && rating <= 5, "rating " + rating);
            assertTrue(time >= start && time < end, "timestamp " + time);
            if (row[0].equals(previousUser)) {
                assertTrue(time >= previousTime, row[0] + " goes back in time");
            }
            previousUser = row[0];
            previousTime = time;
            histogram[rating]++;
        }
        for (int r = 1; r <= 5; r++) {
            assertTrue(histogram[r] > 0, "no rating " + r + " in " + Arrays.toString(histogram));
        }
    }

    @Test
    void itemPopularityIsLongTailedAndFlatWithoutZipf(@TempDir Path dir) throws IOException {
        // top 1% of 800 items = 8 items. Zipf(1) alone would give them H(8)/H(800) ≈ 37%; taste
        // spreads choices over the categories, down to about 10% here (MovieLens 100K: 7%).
        double zipfShare = topShare(rows, 800, 8);
        assertTrue(zipfShare > 0.07, "top 1% share " + zipfShare);
        // with exponent 0 popularity is uniform apart from taste: 8 items get about 1%
        SyntheticGenerator.generate(SMALL.withPopularityExponent(0), dir, ProgressListener.NONE);
        double flatShare = topShare(readCsv(dir.resolve("interactions.csv")), 800, 8);
        assertTrue(flatShare < 0.05, "uniform top 1% share " + flatShare);
        assertTrue(zipfShare > 2 * flatShare, "Zipf " + zipfShare + " vs uniform " + flatShare);
    }

    @Test
    void userActivityIsSkewed() {
        int[] perUser = PlantedModel.plant(SMALL).interactionsPerUser();
        int[] sorted = perUser.clone();
        Arrays.sort(sorted);
        double mean = 40_000.0 / 1500;
        int median = sorted[sorted.length / 2];
        assertTrue(median < mean, "log-normal activity: median " + median + " < mean " + mean);
        assertTrue(sorted[sorted.length - 1] > 8 * mean, "heaviest user " + sorted[sorted.length - 1]);
        assertEquals(40_000, Arrays.stream(perUser).asLongStream().sum());
    }

    @Test
    void ratingsFollowThePlantedAffinity() {
        PlantedModel model = PlantedModel.plant(SMALL);
        double[] affinity = new double[rows.size() - 1];
        double[] rating = new double[rows.size() - 1];
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            int u = Integer.parseInt(row[0].substring(1)) - 1;
            int i = Integer.parseInt(row[1].substring(1)) - 1;
            affinity[r - 1] = model.affinity(u, i);
            rating[r - 1] = Integer.parseInt(row[2]);
        }
        double correlation = correlation(affinity, rating);
        assertTrue(correlation > 0.3, "corr(<u,v>, rating) = " + correlation);
        // and users pick items they like: chosen pairs have a higher affinity than random pairs
        double chosen = Arrays.stream(affinity).average().orElseThrow();
        double random = 0;
        for (int u = 0; u < 300; u++) {
            for (int i = 0; i < 800; i++) {
                random += model.affinity(u, i);
            }
        }
        random /= 300 * 800;
        assertTrue(chosen > random + 0.2, "chosen " + chosen + " vs random " + random);
    }

    @Test
    void tasteBeatsPopularityOnEachUsersLatestRow() {
        // The demo's evaluation: each user's latest row is held out, the rest is history. Taste is
        // worth learning only if rankers that know it beat popularity there by a wide margin. Two
        // rankers: the planted truth (log popularity + β⟨u, v⟩, the generator's own odds), and one
        // that knows the item vectors but must infer the user's taste from the history (its mean
        // item vector), as a factor model must. Before the taste was strengthened they reached
        // 1.5-1.7x and 1.2-1.3x popularity on this set (seeds 1-3); now 2.5-3.4x and 2.1-2.9x.
        PlantedModel model = PlantedModel.plant(SMALL);
        int users = model.userCount();
        int items = model.itemCount();
        int rank = model.rank();
        float[] itemFactors = model.itemFactors();
        int[] user = new int[rows.size() - 1];
        int[] item = new int[rows.size() - 1];
        for (int r = 1; r < rows.size(); r++) {
            user[r - 1] = Integer.parseInt(rows.get(r)[0].substring(1)) - 1;
            item[r - 1] = Integer.parseInt(rows.get(r)[1].substring(1)) - 1;
        }
        // a user's rows are consecutive and in time order: [first[u], first[u + 1]) with the latest last
        int[] first = new int[users + 1];
        for (int u : user) {
            first[u + 1]++;
        }
        for (int u = 0; u < users; u++) {
            first[u + 1] += first[u];
        }
        double[] trainCount = new double[items];
        for (int u = 0; u < users; u++) {
            for (int r = first[u]; r < first[u + 1] - 1; r++) {
                trainCount[item[r]]++;
            }
        }
        double beta = SMALL.affinityStrength();
        double popularity = 0;
        double planted = 0;
        double history = 0;
        int evaluated = 0;
        double[] score = new double[items];
        boolean[] seen = new boolean[items];
        double[] taste = new double[rank];
        for (int u = 0; u < users; u++) {
            int latest = first[u + 1] - 1;
            if (latest <= first[u]) {
                continue;
            }
            evaluated++;
            Arrays.fill(seen, false);
            Arrays.fill(taste, 0);
            for (int r = first[u]; r < latest; r++) {
                seen[item[r]] = true;
                for (int d = 0; d < rank; d++) {
                    taste[d] += itemFactors[item[r] * rank + d];
                }
            }
            popularity += ndcgAt10(trainCount, seen, item[latest]);
            for (int i = 0; i < items; i++) {
                score[i] = Math.log(model.itemPopularity()[i]) + beta * model.affinity(u, i);
            }
            planted += ndcgAt10(score, seen, item[latest]);
            double norm = Math.sqrt(Arrays.stream(taste).map(x -> x * x).sum());
            for (int i = 0; i < items; i++) {
                double dot = 0;
                for (int d = 0; d < rank; d++) {
                    dot += taste[d] / norm * itemFactors[i * rank + d];
                }
                score[i] = Math.log(1 + trainCount[i]) + beta * dot;
            }
            history += ndcgAt10(score, seen, item[latest]);
        }
        popularity /= evaluated;
        planted /= evaluated;
        history /= evaluated;
        String table = String.format(java.util.Locale.ROOT, "NDCG@10 popularity %.4f, planted %.4f, history %.4f",
                popularity, planted, history);
        // popularity stays a real competitor: the head is still worth recommending
        assertTrue(popularity > 0.03, table);
        assertTrue(planted > 2.0 * popularity, table);
        assertTrue(history > 1.6 * popularity, table);
    }

    /** NDCG@10 of one relevant item among the unseen items, ranked by score (ties: lower index first). */
    private static double ndcgAt10(double[] score, boolean[] seen, int relevant) {
        int above = 0;
        for (int i = 0; i < score.length; i++) {
            if (i != relevant && !seen[i]
                    && (score[i] > score[relevant] || score[i] == score[relevant] && i < relevant)) {
                above++;
            }
        }
        return above < 10 ? 1 / (Math.log(above + 2) / Math.log(2)) : 0;
    }

    @Test
    void categoriesParseAndAreInformativeAboutTheLatentVectors() throws IOException {
        List<String[]> items = readCsv(smallDir.resolve("items.csv"));
        PlantedModel model = PlantedModel.plant(SMALL);
        List<Set<String>> categories = new ArrayList<>();
        boolean sawQuotedTitle = false;
        for (String[] row : items.subList(1, items.size())) {
            assertEquals(3, row.length, String.join(" / ", row));
            assertFalse(row[1].isBlank());
            sawQuotedTitle |= row[1].contains(",") || row[1].contains("\"");
            Set<String> names = new HashSet<>(List.of(row[2].split("\\|")));
            assertTrue(names.size() >= 1 && names.size() <= 3, row[2]);
            for (String name : names) {
                assertTrue(name.matches("[A-Z][a-z]+"), "category " + name);
            }
            categories.add(names);
        }
        assertTrue(sawQuotedTitle, "some titles need RFC-4180 quoting");
        int rank = model.rank();
        double same = 0;
        double different = 0;
        int sameCount = 0;
        int differentCount = 0;
        for (int a = 0; a < 400; a++) {
            for (int b = a + 1; b < 400; b++) {
                double dot = PlantedModel.dot(model.itemFactors(), a * rank, model.itemFactors(), b * rank, rank);
                if (categories.get(a).stream().anyMatch(categories.get(b)::contains)) {
                    same += dot;
                    sameCount++;
                } else {
                    different += dot;
                    differentCount++;
                }
            }
        }
        same /= sameCount;
        different /= differentCount;
        assertTrue(same > different + 0.2, "items sharing a category: " + same + ", others: " + different);
    }

    @Test
    void userAttributesAreCorrelatedWithTaste() throws IOException {
        List<String[]> users = readCsv(smallDir.resolve("users.csv"));
        PlantedModel model = PlantedModel.plant(SMALL);
        String[] gender = new String[1500];
        String[] region = new String[1500];
        for (int u = 0; u < 1500; u++) {
            String[] row = users.get(u + 1);
            assertEquals("u" + (u + 1), row[0]);
            assertTrue(row[1].matches("under-18|\\d\\d-\\d\\d|65\\+"), "age " + row[1]);
            gender[u] = row[2];
            region[u] = row[3];
        }
        // Attributes carry taste: the users of one value have a mean taste vector further from the
        // other users' than the same split with labels shuffled (fixed permutation) would give.
        String[] shuffled = gender.clone();
        java.util.Collections.shuffle(Arrays.asList(shuffled), new java.util.Random(1));
        double real = meanGap(model, gender, "F");
        double chance = meanGap(model, shuffled, "F");
        assertTrue(real > 3 * chance, "gender gap " + real + " vs shuffled " + chance);
        String[] shuffledRegion = region.clone();
        java.util.Collections.shuffle(Arrays.asList(shuffledRegion), new java.util.Random(1));
        double regionGap = meanGap(model, region, "north-america");
        double regionChance = meanGap(model, shuffledRegion, "north-america");
        assertTrue(regionGap > 3 * regionChance, "region gap " + regionGap + " vs shuffled " + regionChance);
    }

    /** Distance between the mean user vector of users labelled {@code value} and of the others. */
    private static double meanGap(PlantedModel model, String[] labels, String value) {
        int rank = model.rank();
        double[] in = new double[rank];
        double[] out = new double[rank];
        int inCount = 0;
        for (int u = 0; u < labels.length; u++) {
            boolean member = labels[u].equals(value);
            inCount += member ? 1 : 0;
            for (int d = 0; d < rank; d++) {
                (member ? in : out)[d] += model.userFactors()[u * rank + d];
            }
        }
        double gap = 0;
        for (int d = 0; d < rank; d++) {
            double diff = in[d] / inCount - out[d] / (labels.length - inCount);
            gap += diff * diff;
        }
        return Math.sqrt(gap);
    }

    @Test
    void reportsMonotoneProgressEndingAtTheTarget(@TempDir Path dir) {
        List<long[]> calls = new ArrayList<>();
        GeneratorParams params = GeneratorParams.of(5000, 300, 20_000).withThreads(2);
        SyntheticGenerator.generate(params, dir, (written, target) -> calls.add(new long[] {written, target}));
        // 5,000 users in blocks of 1,024 -> 5 calls
        assertEquals(5, calls.size());
        for (int c = 1; c < calls.size(); c++) {
            assertTrue(calls.get(c)[0] >= calls.get(c - 1)[0]);
        }
        assertArrayEquals(new long[] {20_000, 20_000}, calls.get(calls.size() - 1));
    }

    @Test
    void fillsEvenWhenUsersMustTakeTheWholeCatalogue(@TempDir Path dir) throws IOException {
        // 10 users x 20 items = 200 pairs, all requested: every pair exactly once
        SyntheticGenerator.generate(GeneratorParams.of(10, 20, 200).withThreads(1), dir, ProgressListener.NONE);
        List<String[]> all = readCsv(dir.resolve("interactions.csv"));
        Set<String> pairs = new HashSet<>();
        for (String[] row : all.subList(1, all.size())) {
            pairs.add(row[0] + "," + row[1]);
        }
        assertEquals(200, pairs.size());
    }

    @Test
    void allocationIsExactAndRespectsTheCap() {
        double[] activity = {1, 100, 1, 1, 50};
        int[] counts = PlantedModel.allocate(activity, 30, 10, PlantedModel.stream(1, 1));
        assertEquals(30, Arrays.stream(counts).sum());
        for (int c : counts) {
            assertTrue(c >= 1 && c <= 10, Arrays.toString(counts));
        }
        // the two heavy users hit the cap of 10; 10 rows remain for the three light ones
        assertEquals(10, counts[1]);
        assertEquals(10, counts[4]);
        int[] few = PlantedModel.allocate(activity, 3, 10, PlantedModel.stream(1, 1));
        assertEquals(3, Arrays.stream(few).sum());
    }

    @Test
    void refusesBadParametersListingEveryProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GeneratorParams(0, 10, 0, 0, 20, 1, 0, -1, 4, 0, 365));
        assertEquals("users 0 must be >= 1; interactions 0 must be >= 1; rank 0 must be in [1, 1024]; "
                + "threads 0 must be >= 1; popularityExponent -1.0 must be in [0, 4]", e.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> GeneratorParams.of(10, 20, 201));
        assertEquals("interactions 201 exceed users x items = 200 (each user-item pair occurs at most once)",
                tooMany.getMessage());
    }

    @Test
    void formatsNumbersWithoutStrings() {
        ByteLine line = new ByteLine(4);
        line.append(0).append(',').append(9).append(',').append(10).append(',').append(Long.MAX_VALUE);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertEquals("0,9,10,9223372036854775807", writeToString(line, out));
        assertEquals("value -1 must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> line.append(-1)).getMessage());
    }

    private static String writeToString(ByteLine line, java.io.ByteArrayOutputStream out) {
        try {
            line.writeTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static double topShare(List<String[]> interactions, int items, int top) {
        int[] counts = new int[items];
        for (String[] row : interactions.subList(1, interactions.size())) {
            counts[Integer.parseInt(row[1].substring(1)) - 1]++;
        }
        Arrays.sort(counts);
        long sum = 0;
        for (int k = 0; k < top; k++) {
            sum += counts[items - 1 - k];
        }
        return (double) sum / (interactions.size() - 1);
    }

    private static double correlation(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int k = 0; k < x.length; k++) {
            sxy += (x[k] - mx) * (y[k] - my);
            sxx += (x[k] - mx) * (x[k] - mx);
            syy += (y[k] - my) * (y[k] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static String firstLine(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file)) {
            return reader.readLine();
        }
    }

    /** A minimal RFC-4180 reader (quoted fields, doubled quotes), independent of the generator. */
    static List<String[]> readCsv(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                if (quoted) {
                    if (c == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
                        field.append('"');
                        k++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            out.add(fields.toArray(new String[0]));
        }
        return out;
    }
}
