package io.recgate.indexbuilder.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a synthetic interaction data set with the statistical shape of real ones, in the
 * generic CSV format that {@code train --format csv} reads:
 * <ul>
 *   <li>{@code interactions.csv}: {@code user_id,item_id,rating,timestamp}; each (user, item)
 *       at most once; a user's rows are consecutive and in time order.</li>
 *   <li>{@code items.csv}: {@code item_id,title,categories}, categories {@code |}-separated,
 *       RFC-4180 quoting where a title needs it.</li>
 *   <li>{@code users.csv}: {@code user_id,age,gender,region}.</li>
 *   <li>{@code generator.json} and {@code README.txt}: the parameters and seed.</li>
 * </ul>
 *
 * <p>How rows arise (see {@link PlantedModel} for the latent truth): a user's row count follows
 * a log-normal activity; each next item is drawn among those the user does not have yet with
 * probability ∝ popularity_i · exp(β⟨u, v_i⟩), Zipf popularity times taste ({@link ItemSampler}).
 * A user's rows are timed in draw order, so the latest row is as much a matter of taste as the
 * earlier ones. Items carry 1–3 categories drawn from their latent vector, users carry age, gender
 * and region drawn from theirs. Ratings are
 * round(3.0 + 2.2(⟨u, v⟩ − 0.25) + 0.35·quality_i + 0.35·bias_u + N(0, 0.6²)) clamped to 1–5.
 * Timestamps fall in sessions (a new session with probability 1/6 per row, 15–615 s between rows
 * of a session) after a per-user join time inside the period; the last session may run a few hours
 * past the period's end.
 *
 * <p>Determinism: users are processed in fixed blocks of {@value #BLOCK_USERS}, each with a
 * random stream derived from (seed, block), and blocks are written in order, so the same
 * parameters give byte-identical files for any thread count, on the same JVM build (the
 * planted model uses {@code nextGaussian} and {@code Math.exp}, which the JDK does not promise to
 * be bit-identical across platforms). The hot loop uses scalar dot products and a precomputed
 * acceptance table for the same reason.
 *
 * <p>Memory: the planted model (≈ 4·rank bytes per user and item) plus a bounded window of
 * formatted blocks; rows are streamed, never held.
 *
 * <p>Thread-safety: stateless; each call uses its own worker pool, shut down before it returns.
 */
public final class SyntheticGenerator {

    static final int BLOCK_USERS = 1024;
    private static final int BUFFER_BYTES = 1 << 20;
    private static final long SECONDS_PER_DAY = 86_400L;
    /**
     * ⟨u, v⟩ of an item rated 3 on average. Chosen items average ⟨u, v⟩ ≈ 0.6 with the default
     * taste, so this puts the mean rating near 3.7 with a MovieLens-like spread (most 3s and 4s,
     * 5s before 2s, few 1s) instead of piling ratings on 5.
     */
    private static final double NEUTRAL_AFFINITY = 0.25;
    /** A new session starts with probability 1 / SESSION_ODDS at each row. */
    private static final int SESSION_ODDS = 6;

    private final GeneratorParams params;
    private final PlantedModel model;
    private final ItemSampler sampler;
    private final ThreadLocal<Scratch> scratch;

    private SyntheticGenerator(GeneratorParams params, PlantedModel model) {
        this.params = params;
        this.model = model;
        this.sampler = new ItemSampler(model, params.affinityStrength());
        int maxRows = 0;
        for (int n : model.interactionsPerUser()) {
            maxRows = Math.max(maxRows, n);
        }
        int rows = maxRows;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(sampler.newBuffers(rows), rows));
    }

    /**
     * Generates the data set into {@code outDir} (created if missing; the five files are
     * overwritten). Blocks the calling thread; reports progress on it.
     *
     * @throws UncheckedIOException     when a file cannot be written
     */
    public static GenerationSummary generate(GeneratorParams params, Path outDir, ProgressListener progress) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(progress, "progress");
        SyntheticGenerator generator = new SyntheticGenerator(params, PlantedModel.plant(params));
        try {
            Files.createDirectories(outDir);
            generator.writeUsers(outDir.resolve("users.csv"));
            generator.writeItems(outDir.resolve("items.csv"));
            Path interactions = outDir.resolve("interactions.csv");
            generator.writeInteractions(interactions, progress);
            generator.writeMetadata(outDir);
            return new GenerationSummary(outDir, params.users(), params.items(), params.interactions(),
                    Files.size(interactions));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic data to " + outDir + ": " + e.getMessage(), e);
        }
    }

    private void writeUsers(Path file) throws IOException {
        try (OutputStream out = open(file)) {
            ByteLine line = new ByteLine(BUFFER_BYTES);
            line.append("user_id,age,gender,region\n");
            for (int u = 0; u < params.users(); u++) {
                line.append('u').append(u + 1L).append(',').append(model.ageOf(u)).append(',')
                        .append(model.genderOf(u)).append(',').append(model.regionOf(u)).append('\n');
                if (line.size() > BUFFER_BYTES - 256) {
                    line.writeTo(out);
                    line.clear();
                }
            }
            line.writeTo(out);
        }
    }

    private void writeItems(Path file) throws IOException {
        SplittableRandom titles = PlantedModel.stream(params.seed(), PlantedModel.TITLE_STREAM);
        int[][] categories = model.itemCategories();
        try (OutputStream out = open(file)) {
            StringBuilder sb = new StringBuilder(1 << 16);
            sb.append("item_id,title,categories\n");
            for (int i = 0; i < params.items(); i++) {
                sb.append('i').append(i + 1).append(',').append(Vocabulary.csvField(Vocabulary.title(titles)))
                        .append(',');
                for (int k = 0; k < categories[i].length; k++) {
                    sb.append(k == 0 ? "" : "|").append(Vocabulary.category(categories[i][k]));
                }
                sb.append('\n');
                if (sb.length() > 60_000) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void writeInteractions(Path file, ProgressListener progress) throws IOException {
        int blocks = (params.users() + BLOCK_USERS - 1) / BLOCK_USERS;
        int[] perUser = model.interactionsPerUser();
        long target = params.interactions();
        long written = 0;
        try (OutputStream out = open(file)) {
            out.write("user_id,item_id,rating,timestamp\n".getBytes(StandardCharsets.US_ASCII));
            if (params.threads() == 1) {
                ByteLine line = new ByteLine(BUFFER_BYTES);
                for (int b = 0; b < blocks; b++) {
                    line.clear();
                    writeBlock(b, line);
                    line.writeTo(out);
                    written += rowsIn(b, perUser);
                    progress.progress(written, target);
                }
                scratch.remove();
            } else {
                written = writeInParallel(out, blocks, perUser, progress);
            }
        }
        if (written != target) {
            throw new IllegalStateException("wrote " + written + " rows, expected " + target);
        }
    }

    /** Workers format blocks ahead; this thread writes them strictly in block order. */
    private long writeInParallel(OutputStream out, int blocks, int[] perUser, ProgressListener progress)
            throws IOException {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(params.threads(), r -> {
            Thread t = new Thread(r, "recgate-generate-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int window = params.threads() * 4;
        ArrayDeque<Future<ByteLine>> pending = new ArrayDeque<>();
        long written = 0;
        try {
            int next = 0;
            for (; next < blocks && pending.size() < window; next++) {
                pending.add(submit(pool, next));
            }
            for (int b = 0; b < blocks; b++) {
                ByteLine line = pending.removeFirst().get();
                line.writeTo(out);
                written += rowsIn(b, perUser);
                progress.progress(written, params.interactions());
                if (next < blocks) {
                    pending.add(submit(pool, next++));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("generator worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return written;
    }

    private Future<ByteLine> submit(ExecutorService pool, int block) {
        return pool.submit(() -> {
            ByteLine line = new ByteLine(64 * 1024);
            writeBlock(block, line);
            return line;
        });
    }

    private static long rowsIn(int block, int[] perUser) {
        long rows = 0;
        int to = Math.min(perUser.length, (block + 1) * BLOCK_USERS);
        for (int u = block * BLOCK_USERS; u < to; u++) {
            rows += perUser[u];
        }
        return rows;
    }

    /** Formats the rows of one block of users; depends only on (params, block). */
    void writeBlock(int block, ByteLine out) {
        SplittableRandom random = PlantedModel.stream(params.seed(), PlantedModel.BLOCK_STREAM_BASE + block);
        Scratch s = scratch.get();
        int[] perUser = model.interactionsPerUser();
        float[] quality = model.itemQuality();
        float[] userBias = model.userBias();
        int to = Math.min(params.users(), (block + 1) * BLOCK_USERS);
        for (int u = block * BLOCK_USERS; u < to; u++) {
            int n = perUser[u];
            if (n == 0) {
                continue;
            }
            sampler.choose(u, model.userFactors(), n, random, s.sampling);
            assignTimes(n, random, s);
            long userNumber = u + 1L;
            for (int j = 0; j < n; j++) {
                int item = s.sampling.chosen[j];
                double raw = 3.0 + 2.2 * (model.affinity(u, item) - NEUTRAL_AFFINITY) + 0.35 * quality[item]
                        + 0.35 * userBias[u] + 0.6 * random.nextGaussian();
                long rating = Math.max(1, Math.min(5, Math.round(raw)));
                out.append('u').append(userNumber).append(",i").append(item + 1L).append(',').append(rating)
                        .append(',').append(s.times[j]).append('\n');
            }
        }
    }

    /** Non-decreasing timestamps in sessions after a random join time. */
    private void assignTimes(int n, SplittableRandom random, Scratch s) {
        long period = params.periodDays() * SECONDS_PER_DAY;
        long start = params.startEpochSecond();
        long join = start + (long) (random.nextDouble() * period * 0.8);
        long end = start + period;
        int sessions = 0;
        for (int j = 0; j < n; j++) {
            boolean fresh = j == 0 || random.nextInt(SESSION_ODDS) == 0;
            s.newSession[j] = fresh;
            if (fresh) {
                s.sessionStarts[sessions++] = join + (long) (random.nextDouble() * (end - join));
            }
        }
        Arrays.sort(s.sessionStarts, 0, sessions);
        int session = -1;
        long t = 0;
        for (int j = 0; j < n; j++) {
            if (s.newSession[j]) {
                t = Math.max(s.sessionStarts[++session], t + 60);
            } else {
                t += 15 + random.nextInt(600);
            }
            s.times[j] = t;
        }
    }

    private void writeMetadata(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("format", "recgate-synthetic/1");
        root.put("generator", SyntheticGenerator.class.getName());
        root.put("seed", params.seed());
        root.put("users", params.users());
        root.put("items", params.items());
        root.put("interactions", params.interactions());
        root.put("rank", params.rank());
        root.put("categories", params.categories());
        root.put("popularity_exponent", params.popularityExponent());
        root.put("affinity_strength", params.affinityStrength());
        root.put("start_epoch_second", params.startEpochSecond());
        root.put("period_days", params.periodDays());
        ObjectNode files = root.putObject("files");
        files.put("interactions", "interactions.csv");
        files.put("items", "items.csv");
        files.put("users", "users.csv");
        root.put("ids", "user index u is u<u+1>, item index i is i<i+1>");
        String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        Files.writeString(dir.resolve("generator.json"), text.replace(System.lineSeparator(), "\n"),
                StandardCharsets.UTF_8);
        String readme = "Synthetic interaction data generated by Recgate (" + SyntheticGenerator.class.getName()
                + ").\n\n"
                + "interactions.csv  user_id,item_id,rating,timestamp  (" + params.interactions()
                + " rows; ratings 1-5; epoch seconds; each user-item pair at most once)\n"
                + "items.csv         item_id,title,categories  (" + params.items()
                + " rows; categories |-separated; RFC-4180 quoting)\n"
                + "users.csv         user_id,age,gender,region  (" + params.users() + " rows)\n"
                + "generator.json    the parameters and seed; the same parameters reproduce these files byte for "
                + "byte.\n\n"
                + "Item popularity is Zipf-like (exponent " + params.popularityExponent() + "), user activity "
                + "log-normal, and choices and ratings follow planted rank-" + params.rank()
                + " taste vectors, so a factor model can learn them. Categories and user attributes are "
                + "correlated with taste. The data is fictitious.\n";
        Files.writeString(dir.resolve("README.txt"), readme, StandardCharsets.UTF_8);
    }

    private static OutputStream open(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES);
    }

    /** Per-thread buffers, sized once for the largest user. */
    private static final class Scratch {
        final ItemSampler.Buffers sampling;
        final long[] times;
        final long[] sessionStarts;
        final boolean[] newSession;

        Scratch(ItemSampler.Buffers sampling, int maxRows) {
            this.sampling = sampling;
            times = new long[maxRows];
            sessionStarts = new long[maxRows];
            newSession = new boolean[maxRows];
        }
    }
}
