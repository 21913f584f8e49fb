package io.recgate.indexbuilder.cli;

import io.recgate.core.serving.BundleParams;
import io.recgate.core.serving.RerankerKind;
import io.recgate.core.serving.ServableBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recgate.core.bundle.Bundle;
import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.bundle.BundleRoot;
import io.recgate.core.bundle.FileEntry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate → train → build → verify → evaluate through the CLI, on a small generated data set. */
class CliPipelineTest {

    @TempDir
    static Path dir;

    private static Path data;

    @BeforeAll
    static void generate() {
        data = dir.resolve("data");
        CliRun run = CliRun.of("generate", "--out", data.toString(), "--users", "400", "--items", "300",
                "--interactions", "12000", "--seed", "7");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    }

    private static String[] trainArgs(Path out, String... extra) {
        String[] base = {"train", "--format", "csv", "--data", data.resolve("interactions.csv").toString(),
                "--user-column", "user_id", "--item-column", "item_id", "--rating-column", "rating",
                "--timestamp-column", "timestamp", "--user-features", data.resolve("users.csv").toString(),
                "--item-features", data.resolve("items.csv").toString(), "--item-title-column", "title",
                "--item-categories-column", "categories", "--split", "last:2", "--model", "implicit-als,als,fm",
                "--iterations", "5", "--fm-iterations", "30", "--out", out.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return args;
    }

    @Test
    void trainsBuildsVerifiesAndEvaluates() throws IOException {
        Path models = dir.resolve("models");
        CliRun train = CliRun.of(trainArgs(models, "--json"));
        assertEquals(ExitCodes.OK, train.exitCode(), train.err());
        JsonNode report = new ObjectMapper().readTree(train.out());
        assertEquals("implicit-als", report.get("model").asText());
        for (String key : new String[] {"precision@10", "recall@10", "ndcg@10", "coverage", "baseline"}) {
            assertTrue(report.has(key), key);
        }
        assertTrue(report.get("models").get("als").get("rmse").asDouble() < 1.5, train.out());
        assertTrue(report.get("ndcg@10").asDouble() > report.get("baseline").get("ndcg@10").asDouble(),
                "planted taste beats popularity: " + train.out());

        Path bundles = dir.resolve("bundles");
        CliRun build = CliRun.of("build", "--models", models.toString(), "--bundles", bundles.toString());
        assertEquals(ExitCodes.OK, build.exitCode(), build.err());
        Bundle bundle = BundleRoot.at(bundles).openCurrent();
        for (String file : new String[] {BundleFiles.HNSW_INDEX, BundleFiles.SIMILAR_INDEX, BundleFiles.FM_MODEL,
                BundleFiles.ITEM_FACTORS, BundleFiles.ITEMS, BundleFiles.SEEN_ITEMS}) {
            assertTrue(bundle.hasFile(file), file);
        }
        assertTrue(bundle.manifest().metadata().metrics().get("ann.recall@10") >= 0.95);

        CliRun verify = CliRun.of("verify", bundles.toString());
        assertEquals(ExitCodes.OK, verify.exitCode(), verify.err());
        assertTrue(verify.out().startsWith("ok: bundle v000001"), verify.out());

    }

    @Test
    void evaluateReproducesTheReportOfTrainOnTheSameTestFile() throws IOException {
        java.util.List<String> lines = Files.readAllLines(data.resolve("interactions.csv"));
        StringBuilder train = new StringBuilder(lines.get(0)).append('\n');
        StringBuilder test = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            (i % 5 == 0 ? test : train).append(lines.get(i)).append('\n');
        }
        Path trainFile = Files.writeString(dir.resolve("train.csv"), train);
        Path testFile = Files.writeString(dir.resolve("test.csv"), test);
        Path models = dir.resolve("eval-models");
        String[] common = {"--format", "csv", "--data", trainFile.toString(), "--user-column", "user_id",
                "--item-column", "item_id", "--rating-column", "rating", "--test-file", testFile.toString(), "--json"};
        String[] trainArgs = java.util.stream.Stream.concat(java.util.stream.Stream.of("train", "--model", "implicit-als,als",
                "--iterations", "5", "--out", models.toString()), java.util.Arrays.stream(common)).toArray(String[]::new);
        CliRun trained = CliRun.of(trainArgs);
        assertEquals(ExitCodes.OK, trained.exitCode(), trained.err());
        String[] evalArgs = java.util.stream.Stream.concat(java.util.stream.Stream.of("evaluate", "--models",
                models.toString()), java.util.Arrays.stream(common)).toArray(String[]::new);
        CliRun evaluated = CliRun.of(evalArgs);
        assertEquals(ExitCodes.OK, evaluated.exitCode(), evaluated.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(trained.out());
        JsonNode b = json.readTree(evaluated.out());
        assertEquals(a.get("ndcg@10").asDouble(), b.get("ndcg@10").asDouble(), 1e-12);
        assertEquals(a.get("baseline").get("ndcg@10").asDouble(), b.get("baseline").get("ndcg@10").asDouble(), 1e-12);
        assertEquals(a.get("users_evaluated").asInt(), b.get("users_evaluated").asInt());
        // The explicit ALS beside the retrieval model is stored too, so evaluate scores it again.
        assertEquals(a.get("models").get("als").get("rmse").asDouble(), b.get("models").get("als").get("rmse").asDouble(),
                1e-12, evaluated.out());
        assertEquals(a.get("models").get("als").get("ndcg@10").asDouble(),
                b.get("models").get("als").get("ndcg@10").asDouble(), 1e-12);
        Path bundles = dir.resolve("eval-bundles");
        assertEquals(ExitCodes.OK, CliRun.of("build", "--models", models.toString(), "--bundles", bundles.toString())
                .exitCode());
        assertFalse(BundleRoot.at(bundles).openCurrent().hasFile("als." + BundleFiles.ITEM_FACTORS),
                "a bundle does not carry factor models it never serves");
    }

    @Test
    void sameSeedAndOneThreadGiveIdenticalModelFiles() {
        Path a = dir.resolve("det-a");
        Path b = dir.resolve("det-b");
        assertEquals(ExitCodes.OK, CliRun.of(trainArgs(a, "--threads", "1")).exitCode());
        assertEquals(ExitCodes.OK, CliRun.of(trainArgs(b, "--threads", "1")).exitCode());
        assertEquals(checksums(BundleRoot.at(a).openCurrent()), checksums(BundleRoot.at(b).openCurrent()));
    }

    private static Map<String, String> checksums(Bundle bundle) {
        Map<String, String> sums = new TreeMap<>();
        for (Map.Entry<String, FileEntry> e : bundle.manifest().files().entrySet()) {
            sums.put(e.getKey(), e.getValue().sha256());
        }
        return sums;
    }

    @Test
    void verifyRefusesABundleWithABadChecksumOrATruncatedFile() throws IOException {
        Path models = dir.resolve("verify-models");
        assertEquals(ExitCodes.OK, CliRun.of(trainArgs(models, "--model", "implicit-als")).exitCode());
        Path version = BundleRoot.at(models).openCurrent().dir();
        Path factors = version.resolve(BundleFiles.ITEM_FACTORS);
        byte[] bytes = Files.readAllBytes(factors);
        bytes[17] ^= 0x40;
        Files.write(factors, bytes);
        CliRun run = CliRun.of("verify", version.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.errorLines().startsWith("recgate: bundle " + version + ": " + BundleFiles.ITEM_FACTORS
                + " checksum mismatch"), run.errorLines());

        try (FileChannel channel = FileChannel.open(factors, StandardOpenOption.WRITE)) {
            channel.truncate(bytes.length / 2);
        }
        run = CliRun.of("verify", version.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.errorLines().contains(BundleFiles.ITEM_FACTORS + " is " + bytes.length / 2 + " bytes"),
                run.errorLines());
    }

    private static String[] rebuildArgs(Path bundles, String... extra) {
        String[] train = trainArgs(bundles.resolveSibling(bundles.getFileName() + "-models"));
        List<String> args = new ArrayList<>(List.of(train));
        args.set(0, "rebuild");
        int out = args.indexOf("--out");
        args.set(out, "--models");
        args.addAll(List.of("--bundles", bundles.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void rebuildPublishesRetrievalOrderWhenTheServedGateRefusesTheReranker() throws IOException {
        Path bundles = dir.resolve("refused-bundles");
        // Ordering by predicted rating is far worse at predicting picks than retrieval is.
        CliRun run = CliRun.of(rebuildArgs(bundles, "--model", "implicit-als,fm", "--reranker", "fm"));
        assertEquals(ExitCodes.PUBLISHED_WITHOUT_RERANKER, run.exitCode(), run.err());
        assertTrue(run.err().contains("reranker fm refused: its served NDCG@10"), run.err());
        Bundle bundle = BundleRoot.at(bundles).openCurrent();
        Map<String, Object> params = bundle.manifest().metadata().params();
        Map<String, Double> metrics = bundle.manifest().metadata().metrics();
        assertEquals("none", params.get(BundleParams.RERANKER.name()));
        assertEquals("fm", params.get(BundleParams.RERANKER_REFUSED.name()));
        assertEquals(metrics.get("served.retrieval.ndcg@10"), metrics.get("served.ndcg@10"));
        assertTrue(metrics.get("served.candidate.ndcg@10") < metrics.get("served.retrieval.ndcg@10"), metrics.toString());
        assertEquals(RerankerKind.NONE, ServableBundle.load(bundle).reranker());
        assertEquals(ExitCodes.OK, CliRun.of("verify", bundles.toString()).exitCode());
    }

    @Test
    void rebuildRecordsTheServedPipelineBesideRetrievalAndPopularity() throws IOException {
        Path bundles = dir.resolve("served-bundles");
        CliRun run = CliRun.of(rebuildArgs(bundles, "--model", "implicit-als,ranking-fm"));
        assertTrue(run.exitCode() == ExitCodes.OK || run.exitCode() == ExitCodes.PUBLISHED_WITHOUT_RERANKER, run.err());
        Map<String, Double> metrics = BundleRoot.at(bundles).openCurrent().manifest().metadata().metrics();
        for (String key : new String[] {"served.ndcg@10", "served.precision@10", "served.recall@10", "served.map@10",
            "served.hitrate@10", "served.coverage", "served.novelty", "served.retrieval.ndcg@10",
            "served.popularity.ndcg@10", "served.candidate.ndcg@10", "served.sweep.c10.ndcg@10",
            "served.sweep.c50.ndcg@10", "served.sweep.c100.ndcg@10", "served.sweep.c200.ndcg@10"}) {
            assertTrue(metrics.containsKey(key), key + " in " + metrics.keySet());
        }
        // 300 items: the sweep's 500 is capped at the catalogue.
        assertTrue(metrics.containsKey("served.sweep.c300.ndcg@10"), metrics.keySet().toString());
        assertTrue(metrics.get("served.ndcg@10") >= metrics.get("served.retrieval.ndcg@10"),
                "the gate never publishes a worse served list: " + metrics);
        assertTrue(metrics.get("served.ndcg@10") > 1.1 * metrics.get("served.popularity.ndcg@10"), metrics.toString());
    }

    @Test
    void servedGateOptionsAreCheckedWithClearErrors() {
        Path bundles = dir.resolve("bad-bundles");
        CliRun run = CliRun.of(rebuildArgs(bundles, "--served-tolerance", "1.5"));
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
        assertEquals("recgate: served tolerance 1.5 must be in [0, 1)", run.errorLines());
        run = CliRun.of(rebuildArgs(bundles, "--reranker", "deep"));
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
        assertEquals("recgate: unknown reranker 'deep'; known: none, ranking-fm, fm", run.errorLines());
        run = CliRun.of(rebuildArgs(bundles, "--candidates", "5"));
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
        assertEquals("recgate: candidates 5 must be >= k 10 >= 1", run.errorLines());
        run = CliRun.of(rebuildArgs(bundles, "--model", "implicit-als", "--reranker", "ranking-fm"));
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
        assertEquals("recgate: --reranker ranking-fm needs ranking-fm in --model", run.errorLines());
        assertFalse(Files.exists(bundles.resolve(BundleRoot.CURRENT)), "nothing published on bad input");
    }

    @Test
    void buildRefusesToPublishBelowTheRecallGate() {
        Path models = dir.resolve("gate-models");
        assertEquals(ExitCodes.OK, CliRun.of(trainArgs(models, "--model", "implicit-als")).exitCode());
        Path bundles = dir.resolve("gate-bundles");
        // hnswlib with graphs everywhere: on this small model both kinds would scan most ranges exactly.
        CliRun run = CliRun.of("build", "--models", models.toString(), "--bundles", bundles.toString(),
                "--ef", "1", "--m", "2", "--ef-construction", "2", "--min-recall", "0.999",
                "--index", "hnswlib", "--exact-scan-max-floats", "0");
        assertEquals(ExitCodes.QUALITY_GATE_FAILED, run.exitCode(), run.err());
        assertTrue(run.errorLines().startsWith("recgate: quality gate failed: HNSW recall@10"), run.errorLines());
        assertTrue(run.errorLines().endsWith("nothing was published"), run.errorLines());
        assertFalse(Files.exists(bundles.resolve(BundleRoot.CURRENT)));
    }

    @Test
    void buildsFromExternalFactorFilesAndRefusesBadOnes() throws IOException {
        Path items = dir.resolve("items.csv");
        Path users = dir.resolve("users.csv");
        StringBuilder itemRows = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            itemRows.append("i").append(i).append(',').append(Math.sin(i)).append(',').append(Math.cos(i))
                    .append(',').append(i % 7 / 7.0).append('\n');
        }
        Files.writeString(items, itemRows);
        Files.writeString(users, "u1,0.5,0.1,0.2\nu2,-0.3,0.9,0.4\n");
        Path bundles = dir.resolve("external-bundles");
        CliRun run = CliRun.of("build", "--item-factors", items.toString(), "--user-factors", users.toString(),
                "--bundles", bundles.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(ExitCodes.OK, CliRun.of("verify", bundles.toString()).exitCode());

        Files.writeString(users, "u1,0.5,0.1\nu2,-0.3,0.9\n");
        run = CliRun.of("build", "--item-factors", items.toString(), "--user-factors", users.toString(),
                "--bundles", bundles.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: item factors have 3 dims but user factors have 2", run.errorLines());

        Files.writeString(users, "u1,0.5,0.1,0.2\nu2,NaN,0.9,0.4\n");
        run = CliRun.of("build", "--item-factors", items.toString(), "--user-factors", users.toString(),
                "--bundles", bundles.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.errorLines().startsWith("recgate: " + users + ":2:"), run.errorLines());

        Files.writeString(users, "u1,0.5,0.1,0.2\nu1,0.3,0.9,0.4\n");
        run = CliRun.of("build", "--item-factors", items.toString(), "--user-factors", users.toString(),
                "--bundles", bundles.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.errorLines().contains("duplicate"), run.errorLines());
        assertEquals("v000001", BundleRoot.at(bundles).currentVersion().orElseThrow(), "bad input publishes nothing");
    }
}
