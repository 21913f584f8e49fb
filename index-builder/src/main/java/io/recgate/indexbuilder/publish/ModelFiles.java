package io.recgate.indexbuilder.publish;

import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.bundle.BundleWriter;
import io.recgate.core.bundle.FactorModelFiles;
import io.recgate.core.bundle.ItemMetadata;
import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.RankingFmModel;
import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ItemCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes the parts of a trained model set into a bundle under construction, in the bundle's
 * well-known file names ({@link BundleFiles}): id maps, item metadata, popularity, the users'
 * training interactions, the retrieval factor model and the FM model.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** Ids, catalogue, popularity and per-user training interactions. */
    public static void writeData(BundleWriter writer, Dataset train) {
        Interactions x = train.interactions();
        writer.addLines(BundleFiles.USER_IDS, x.users().ids());
        writer.addLines(BundleFiles.ITEM_IDS, x.items().ids());
        writer.addJsonLines(BundleFiles.ITEMS, itemMetadata(train.catalog()));
        int[] counts = new int[x.items().size()];
        for (int r = 0; r < x.size(); r++) {
            counts[x.item(r)]++;
        }
        writer.addIntMatrix(BundleFiles.ITEM_COUNTS, counts, 1);
        writer.addIntMatrix(BundleFiles.POPULARITY, popularityOrder(counts), 1);
        writeSeen(writer, x);
    }

    /** Item indices by descending count, ties by lower index. */
    static int[] popularityOrder(int[] counts) {
        return IntStream.range(0, counts.length).boxed()
                .sorted((a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    private static List<ItemMetadata> itemMetadata(ItemCatalog catalog) {
        IdMap items = catalog.items();
        List<ItemMetadata> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(new ItemMetadata(items.id(i), catalog.titles().get(i), catalog.categories().get(i)));
        }
        return out;
    }

    /** CSR of each user's training interactions, items in row order. */
    private static void writeSeen(BundleWriter writer, Interactions x) {
        int users = x.users().size();
        int[] offsets = new int[users + 1];
        for (int r = 0; r < x.size(); r++) {
            offsets[x.user(r) + 1]++;
        }
        for (int u = 0; u < users; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] cursor = offsets.clone();
        int[] items = new int[x.size()];
        float[] values = new float[x.size()];
        for (int r = 0; r < x.size(); r++) {
            int at = cursor[x.user(r)]++;
            items[at] = x.item(r);
            values[at] = x.value(r);
        }
        writer.addIntMatrix(BundleFiles.SEEN_OFFSETS, offsets, 1);
        writer.addIntMatrix(BundleFiles.SEEN_ITEMS, items, 1);
        writer.addFloatMatrix(BundleFiles.SEEN_VALUES, values, 1);
    }

    /** The retrieval model: factors and biases. */
    public static void writeFactors(BundleWriter writer, FactorModel model) {
        FactorModelFiles.write(writer, model);
    }

    /** The ranking FM reranker in its own binary format. */
    public static void writeRankingFm(BundleWriter writer, RankingFmModel model) {
        writer.addFile(BundleFiles.RANKING_FM_MODEL, model::write);
    }

    /** The FM model in its own binary format. */
    public static void writeFm(BundleWriter writer, FmModel fm) {
        writer.addFile(BundleFiles.FM_MODEL, fm::write);
    }
}
