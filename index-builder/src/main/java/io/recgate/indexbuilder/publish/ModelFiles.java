package io.recgate.indexbuilder.publish;

import io.recgate.core.bundle.Bundle;
import io.recgate.indexbuilder.pipeline.ModelKind;
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

    private static final List<String> FACTOR_FILES = List.of(BundleFiles.USER_FACTORS, BundleFiles.ITEM_FACTORS,
            BundleFiles.USER_BIAS, BundleFiles.ITEM_BIAS, BundleFiles.GLOBAL_BIAS);

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

    /**
     * A factor model that is not the retrieval model (e.g. explicit ALS beside implicit ALS), kept
     * in the model set so that {@code evaluate} can score it again: the well-known factor files'
     * names prefixed with the model's name ({@code als.item_factors.f32}, ...). Bundles leave them
     * out ({@link #isOtherFactorFile}).
     */
    public static void writeOtherFactors(BundleWriter writer, String model, FactorModel factors) {
        writer.addFloatMatrix(model + "." + BundleFiles.USER_FACTORS, factors.userFactors(), factors.dims());
        writer.addFloatMatrix(model + "." + BundleFiles.ITEM_FACTORS, factors.itemFactors(), factors.dims());
        writer.addFloatMatrix(model + "." + BundleFiles.USER_BIAS, factors.userBias(), 1);
        writer.addFloatMatrix(model + "." + BundleFiles.ITEM_BIAS, factors.itemBias(), 1);
        writer.addFloatMatrix(model + "." + BundleFiles.GLOBAL_BIAS, new float[] {factors.globalBias()}, 1);
    }

    /** Reads what {@link #writeOtherFactors} wrote, or null when the bundle has no such model. */
    static FactorModel readOtherFactors(Bundle bundle, String model) {
        String items = model + "." + BundleFiles.ITEM_FACTORS;
        if (!bundle.hasFile(items)) {
            return null;
        }
        int dims = bundle.manifest().file(items).cols();
        return new FactorModel(dims, bundle.readFloats(model + "." + BundleFiles.USER_FACTORS),
                bundle.readFloats(items), bundle.readFloats(model + "." + BundleFiles.GLOBAL_BIAS)[0],
                bundle.readFloats(model + "." + BundleFiles.USER_BIAS), bundle.readFloats(model + "." + BundleFiles.ITEM_BIAS));
    }

    /** True for a file of a non-retrieval factor model, which serving never reads. */
    static boolean isOtherFactorFile(String name) {
        for (ModelKind kind : ModelKind.values()) {
            if (kind.isFactorModel()) {
                for (String file : FACTOR_FILES) {
                    if (name.equals(kind.cliName() + "." + file)) {
                        return true;
                    }
                }
            }
        }
        return false;
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
