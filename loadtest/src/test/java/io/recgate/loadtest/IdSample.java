package io.recgate.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Real user and item ids of the bundle under test, for the feeders: users most active first and items
 * most popular first, so that {@link Zipf} ranks over them send most traffic to active users and
 * popular items.
 *
 * @param bundleVersion the version the ids come from
 * @param users         user ids, most active first; not empty
 * @param items         item ids, most popular first; not empty
 */
record IdSample(String bundleVersion, List<String> users, List<String> items) {

    IdSample {
        if (users.isEmpty() || items.isEmpty()) {
            throw new IllegalArgumentException("bundle " + bundleVersion + " gave " + users.size() + " users and "
                    + items.size() + " items; a load test needs at least one of each");
        }
        users = List.copyOf(users);
        items = List.copyOf(items);
    }

    /**
     * From {@code -Dbundle.dir} when given, else from the live gateway's
     * {@code GET /admin/bundles/live/sample} (needs {@code -Dadmin.token}).
     *
     * @throws IllegalArgumentException when neither is given
     * @throws IllegalStateException    when the gateway refuses or cannot be reached
     */
    static IdSample load(LoadParams p) {
        if (p.bundleDir().isPresent()) {
            return fromBundleDir(p.bundleDir().get(), p.sampleUsers(), p.sampleItems(), p.seed());
        }
        if (p.adminToken().isEmpty()) {
            throw new IllegalArgumentException("the feeders need real ids: give -Dadmin.token (read from "
                    + "GET /admin/bundles/live/sample) or -Dbundle.dir (a bundle root or version directory)");
        }
        return new AdminApi(p.gatewayUrl(), p.adminToken().get()).sample(p.sampleUsers(), p.sampleItems(), p.seed());
    }

    /**
     * Reads a bundle directory (a root with {@code current}, or one version): {@code user_ids.txt} and
     * {@code item_ids.txt}, ordered by {@code seen_offsets.i32} (training items per user) and
     * {@code popularity.i32} when present, sampled to at most {@code maxUsers} / {@code maxItems} with
     * {@code seed}. Reads files only; never verifies checksums (the gateway does).
     *
     * @throws UncheckedIOException     when a file cannot be read
     * @throws IllegalArgumentException when the directory is not a bundle
     */
    static IdSample fromBundleDir(Path dir, int maxUsers, int maxItems, long seed) {
        try {
            Path version = dir;
            if (Files.isRegularFile(dir.resolve("current"))) {
                version = dir.resolve(Files.readString(dir.resolve("current"), StandardCharsets.UTF_8).trim());
            }
            if (!Files.isRegularFile(version.resolve("user_ids.txt")) || !Files.isRegularFile(version.resolve("item_ids.txt"))) {
                throw new IllegalArgumentException(dir + " is not a bundle root or version: no user_ids.txt and "
                        + "item_ids.txt (in " + version + ")");
            }
            List<String> userIds = Files.readAllLines(version.resolve("user_ids.txt"), StandardCharsets.UTF_8);
            List<String> itemIds = Files.readAllLines(version.resolve("item_ids.txt"), StandardCharsets.UTF_8);
            Random random = new Random(seed);
            int[] users = sample(userIds.size(), maxUsers, random);
            Path offsetsFile = version.resolve("seen_offsets.i32");
            if (Files.isRegularFile(offsetsFile)) {
                int[] offsets = readInts(offsetsFile);
                if (offsets.length == userIds.size() + 1) {
                    users = byCountDescending(users, offsets);
                }
            }
            int[] itemOrder = Files.isRegularFile(version.resolve("popularity.i32"))
                    ? readInts(version.resolve("popularity.i32")) : identity(itemIds.size());
            int[] ranks = sample(itemOrder.length, maxItems, random);
            Arrays.sort(ranks);
            List<String> userOut = new ArrayList<>(users.length);
            for (int u : users) {
                userOut.add(userIds.get(u));
            }
            List<String> itemOut = new ArrayList<>(ranks.length);
            for (int rank : ranks) {
                itemOut.add(itemIds.get(itemOrder[rank]));
            }
            return new IdSample(version.getFileName().toString(), userOut, itemOut);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundle ids from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Up to {@code take} distinct indices of {@code [0, size)}: a seeded partial Fisher-Yates shuffle. */
    private static int[] sample(int size, int take, Random random) {
        int[] all = identity(size);
        int n = Math.min(size, take);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, n);
    }

    private static int[] byCountDescending(int[] users, int[] offsets) {
        long[] keys = new long[users.length];
        for (int i = 0; i < users.length; i++) {
            int u = users[i];
            keys[i] = ((long) (Integer.MAX_VALUE - (offsets[u + 1] - offsets[u])) << 32) | u;
        }
        Arrays.sort(keys);
        int[] out = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static int[] readInts(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[bytes.remaining() / Integer.BYTES];
        bytes.asIntBuffer().get(out);
        return out;
    }
}
