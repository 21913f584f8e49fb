package io.recgate.core.bundle;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Child process for {@link KillNineTest}: publishes bundles in a loop (about 1 MB each, retention
 * 3) until killed, printing one line per published version.
 */
public final class PublishLoop {

    private PublishLoop() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        int dims = 16;
        int items = 16_384;
        Random random = new Random();
        float[] factors = new float[items * dims];
        for (long n = 0; ; n++) {
            for (int i = 0; i < factors.length; i += 97) {
                factors[i] = random.nextFloat();
            }
            try (BundleWriter writer = BundleWriter.open(root, 3, java.time.Clock.systemUTC())) {
                writer.addFloatMatrix(BundleFiles.ITEM_FACTORS, factors, dims);
                writer.addLines("round.txt", List.of("round " + n));
                BundleVersion v = writer.publish(new BundleMetadata(dims, BundleMetadata.METRIC_INNER_PRODUCT, 0,
                        items, Map.of("round", n), Map.of()));
                System.out.println("published " + v.name());
                System.out.flush();
            }
        }
    }
}
