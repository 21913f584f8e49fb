package io.recgate.core.bundle;

import io.recgate.core.model.FactorModel;

/**
 * Stores a {@link FactorModel} in a bundle as the well-known files {@link BundleFiles#USER_FACTORS},
 * {@link BundleFiles#ITEM_FACTORS}, {@link BundleFiles#USER_BIAS}, {@link BundleFiles#ITEM_BIAS} and
 * {@link BundleFiles#GLOBAL_BIAS} (biases are written even when zero, so every model bundle has the
 * same files). Stateless.
 */
public final class FactorModelFiles {

    private FactorModelFiles() {
    }

    /**
     * Adds the model's files to {@code writer}; the metadata passed to publish must then carry the
     * model's dims and user and item counts.
     *
     * @throws IllegalArgumentException when a factor or bias is NaN or infinite
     */
    public static void write(BundleWriter writer, FactorModel model) {
        writer.addFloatMatrix(BundleFiles.USER_FACTORS, model.userFactors(), model.dims());
        writer.addFloatMatrix(BundleFiles.ITEM_FACTORS, model.itemFactors(), model.dims());
        writer.addFloatMatrix(BundleFiles.USER_BIAS, model.userBias(), 1);
        writer.addFloatMatrix(BundleFiles.ITEM_BIAS, model.itemBias(), 1);
        writer.addFloatMatrix(BundleFiles.GLOBAL_BIAS, new float[] {model.globalBias()}, 1);
    }

    /**
     * Reads the model from a verified bundle into heap arrays. A bundle without bias files yields a
     * model without biases.
     *
     * @throws BundleException when the factor files are missing or unreadable
     */
    public static FactorModel read(Bundle bundle) {
        for (String required : new String[] {BundleFiles.USER_FACTORS, BundleFiles.ITEM_FACTORS}) {
            if (!bundle.hasFile(required)) {
                throw new BundleException(bundle.dir(), "missing " + required + " (not a factor model bundle)");
            }
        }
        int dims = bundle.manifest().dims();
        float[] userFactors = bundle.readFloats(BundleFiles.USER_FACTORS);
        float[] itemFactors = bundle.readFloats(BundleFiles.ITEM_FACTORS);
        float[] userBias = bundle.hasFile(BundleFiles.USER_BIAS) ? bundle.readFloats(BundleFiles.USER_BIAS)
                : new float[userFactors.length / dims];
        float[] itemBias = bundle.hasFile(BundleFiles.ITEM_BIAS) ? bundle.readFloats(BundleFiles.ITEM_BIAS)
                : new float[itemFactors.length / dims];
        float globalBias = bundle.hasFile(BundleFiles.GLOBAL_BIAS) ? bundle.readFloats(BundleFiles.GLOBAL_BIAS)[0] : 0f;
        return new FactorModel(dims, userFactors, itemFactors, globalBias, userBias, itemBias);
    }
}
