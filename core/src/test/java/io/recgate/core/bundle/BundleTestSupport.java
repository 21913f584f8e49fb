package io.recgate.core.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builds small bundles for the bundle tests. */
final class BundleTestSupport {

    static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2026-11-29T18:30:00Z"), ZoneOffset.UTC);

    static final float[] USER_FACTORS = {0.5f, -1f, 2f, 0.25f};
    static final float[] ITEM_FACTORS = {1f, 0f, 0f, 1f, -0.5f, 3f};

    private BundleTestSupport() {
    }

    static BundleMetadata metadata() {
        return new BundleMetadata(2, BundleMetadata.METRIC_INNER_PRODUCT, 2, 3,
                Map.of("rank", 2, "lambda", 0.1, "solver", "als", "biased", true),
                Map.of("recall@10", 0.25, "ndcg@10", 0.125));
    }

    /** Publishes a small factor bundle (2 users, 3 items, dims 2) and returns its version. */
    static BundleVersion publishSmall(Path root, int retain, boolean makeCurrent) {
        try (BundleWriter writer = BundleWriter.open(root, retain, FIXED_CLOCK)) {
            writer.addFloatMatrix(BundleFiles.USER_FACTORS, USER_FACTORS, 2);
            writer.addFloatMatrix(BundleFiles.ITEM_FACTORS, ITEM_FACTORS, 2);
            writer.addLines(BundleFiles.ITEM_IDS, List.of("i1", "i2", "i3"));
            return writer.publish(metadata(), makeCurrent);
        }
    }

    static List<String> hiddenEntries(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".") && !n.equals(BundleRoot.LOCK)).sorted().toList();
        }
    }

    static List<String> versionNames(Path root) {
        return BundleRoot.at(root).versions().stream().map(BundleVersion::name).toList();
    }
}
