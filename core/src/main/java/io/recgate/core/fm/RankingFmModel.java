package io.recgate.core.fm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * A factorization machine trained to rank retrieval candidates: the sparse FM of an {@link FmModel}
 * (user and item ids, side tokens, the user's rated items) plus dense {@link RetrievalFeature}s of
 * the (user, candidate) pair, all in one second-order model:
 * <pre>
 * y = fm(x_sparse) + Σ_d x_d (w_d + ⟨v_d, s⟩) + Σ_{d&lt;e} x_d x_e ⟨v_d, v_e⟩,   s = Σ_sparse x_j v_j
 * x_d = (raw_d − mean_d) / scale_d
 * </pre>
 * so every retrieval feature interacts with the user's and the item's features. Its scores only
 * order candidates: they are not probabilities or ratings.
 *
 * <p>File format (little-endian), then the sparse model in its own {@link FmModel} format:
 * <pre>
 * int    magic 0x4B524752 ("RGRK" read as bytes), int version (1), int D, int k
 * D ×    int byteLength + UTF-8 feature name ({@link RetrievalFeature#fileName()}),
 *        float mean, float scale, float w, float[k] v
 * int    CRC32C of every preceding byte
 * ...    the {@link FmModel} file (its own magic, version and checksum)
 * </pre>
 *
 * <p>Arrays are owned by the model; immutable after construction and safe to share between threads.
 */
public final class RankingFmModel {

    static final int MAGIC = 0x4B524752;
    static final int VERSION = 1;
    /** More retrieval features than exist is a corrupt file, not a bigger model. */
    private static final int MAX_NAME_BYTES = 64;
    /** Far above any sensible factor count; a larger header value is corruption. */
    private static final int MAX_K = 4096;

    private final FmModel sparse;
    private final List<RetrievalFeature> features;
    private final float[] mean;
    private final float[] scale;
    private final float[] w;
    private final float[] v;

    /**
     * @param sparse   the FM over user and item features (its w0 is the model's bias)
     * @param features the dense features, in the order of the arrays
     * @param mean     per feature, subtracted from the raw value
     * @param scale    per feature, &gt; 0, divides the centred value
     * @param w        per feature, the linear weight
     * @param v        per feature, {@code sparse.k()} factors, row-major
     * @throws IllegalArgumentException on mismatched lengths, a repeated feature, a non-positive scale
     *                                  or a NaN/infinite parameter
     */
    public RankingFmModel(FmModel sparse, List<RetrievalFeature> features, float[] mean, float[] scale, float[] w,
                          float[] v) {
        this.sparse = Objects.requireNonNull(sparse, "sparse");
        this.features = List.copyOf(features);
        int d = this.features.size();
        int k = sparse.k();
        if (this.features.stream().distinct().count() != d) {
            throw new IllegalArgumentException("retrieval features repeat: " + this.features);
        }
        if (mean.length != d || scale.length != d || w.length != d || v.length != (long) d * k) {
            throw new IllegalArgumentException("dense arrays for " + d + " features of k " + k + ": mean "
                    + mean.length + ", scale " + scale.length + ", w " + w.length + ", v " + v.length);
        }
        for (int f = 0; f < d; f++) {
            if (!(scale[f] > 0) || !Float.isFinite(scale[f]) || !Float.isFinite(mean[f]) || !Float.isFinite(w[f])) {
                throw new IllegalArgumentException("feature " + this.features.get(f).fileName() + ": mean " + mean[f]
                        + ", scale " + scale[f] + ", w " + w[f] + " (scale must be > 0, all finite)");
            }
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("v of feature " + this.features.get(i / k).fileName() + " factor "
                        + i % k + " is " + v[i]);
            }
        }
        this.mean = mean;
        this.scale = scale;
        this.w = w;
        this.v = v;
    }

    /** The sparse FM (user, item, tokens, rated items). */
    public FmModel sparse() {
        return sparse;
    }

    /** The dense features, in model order. */
    public List<RetrievalFeature> features() {
        return features;
    }

    /** Factors per feature. */
    public int k() {
        return sparse.k();
    }

    float[] mean() {
        return mean;
    }

    float[] scale() {
        return scale;
    }

    float[] w() {
        return w;
    }

    float[] v() {
        return v;
    }

    /**
     * The plain O(k · n) score of one example, accumulated in double: the reference that
     * {@link RankingFmScorer} must match and the trainer's evaluation.
     *
     * @param x   the sparse features (user side and item side together)
     * @param raw raw dense values aligned with {@link #features()}
     */
    public double predict(SparseFeatures x, float[] raw) {
        int k = k();
        int d = features.size();
        int[] idx = x.indices();
        float[] val = x.values();
        float[] sw = sparse.w();
        float[] sv = sparse.v();
        double y = sparse.w0();
        double[] dense = standardized(raw);
        for (int p = 0; p < idx.length; p++) {
            y += (double) sw[idx[p]] * val[p];
        }
        for (int e = 0; e < d; e++) {
            y += w[e] * dense[e];
        }
        for (int f = 0; f < k; f++) {
            double sum = 0;
            double sumSq = 0;
            for (int p = 0; p < idx.length; p++) {
                double t = (double) sv[idx[p] * k + f] * val[p];
                sum += t;
                sumSq += t * t;
            }
            for (int e = 0; e < d; e++) {
                double t = v[e * k + f] * dense[e];
                sum += t;
                sumSq += t * t;
            }
            y += 0.5 * (sum * sum - sumSq);
        }
        return y;
    }

    /** {@code (raw − mean) / scale} per feature. */
    double[] standardized(float[] raw) {
        if (raw.length != features.size()) {
            throw new IllegalArgumentException("raw length " + raw.length + " != features " + features.size());
        }
        double[] x = new double[raw.length];
        for (int e = 0; e < raw.length; e++) {
            x[e] = (raw[e] - (double) mean[e]) / scale[e];
        }
        return x;
    }

    /**
     * Writes the model (see the class comment). Does not close the stream.
     *
     * @throws UncheckedIOException when writing fails
     */
    public void write(OutputStream out) {
        int k = k();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        List<byte[]> names = new ArrayList<>();
        int bytes = 16 + 4;
        for (RetrievalFeature f : features) {
            byte[] name = f.fileName().getBytes(StandardCharsets.UTF_8);
            names.add(name);
            bytes += 4 + name.length + 12 + 4 * k;
        }
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putInt(features.size()).putInt(k);
        for (int e = 0; e < features.size(); e++) {
            b.putInt(names.get(e).length).put(names.get(e));
            b.putFloat(mean[e]).putFloat(scale[e]).putFloat(w[e]);
            for (int f = 0; f < k; f++) {
                b.putFloat(v[e * k + f]);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        head.write(b.array(), 0, b.position());
        try {
            head.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ranking FM model: " + e.getMessage(), e);
        }
        sparse.write(out);
    }

    /**
     * Reads and validates a model from a stream (to its end). Does not close the stream.
     *
     * @param source a name for error messages
     * @throws UncheckedIOException     when the stream cannot be read
     * @throws IllegalArgumentException when the content is not a valid model (magic, version,
     *                                  checksum, truncation, unknown feature, bad values), naming
     *                                  the source and the reason
     */
    public static RankingFmModel read(InputStream in, String source) {
        byte[] all;
        try {
            all = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ranking FM model " + source + ": " + e.getMessage(), e);
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (b.getInt() != MAGIC) {
                throw new IllegalArgumentException("ranking FM model " + source + ": bad magic (not a ranking FM file)");
            }
            int version = b.getInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("ranking FM model " + source + ": version " + version
                        + " is not supported (this build reads " + VERSION + ")");
            }
            int d = b.getInt();
            int k = b.getInt();
            if (d < 0 || d > RetrievalFeature.values().length || k < 1 || k > MAX_K) {
                throw new IllegalArgumentException("ranking FM model " + source + ": " + d + " features of k " + k
                        + " out of range");
            }
            List<String> names = new ArrayList<>(d);
            float[] mean = new float[d];
            float[] scale = new float[d];
            float[] w = new float[d];
            float[] v = new float[d * k];
            for (int e = 0; e < d; e++) {
                int length = b.getInt();
                if (length < 1 || length > MAX_NAME_BYTES) {
                    throw new IllegalArgumentException("ranking FM model " + source + ": feature name of " + length
                            + " bytes");
                }
                byte[] name = new byte[length];
                b.get(name);
                names.add(new String(name, StandardCharsets.UTF_8));
                mean[e] = b.getFloat();
                scale[e] = b.getFloat();
                w[e] = b.getFloat();
                for (int f = 0; f < k; f++) {
                    v[e * k + f] = b.getFloat();
                }
            }
            CRC32C crc = new CRC32C();
            crc.update(all, 0, b.position());
            if (b.getInt() != (int) crc.getValue()) {
                throw new IllegalArgumentException("ranking FM model " + source + ": checksum mismatch in the header");
            }
            List<RetrievalFeature> features = new ArrayList<>(d);
            for (String name : names) {
                try {
                    features.add(RetrievalFeature.ofFileName(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("ranking FM model " + source + ": " + e.getMessage(), e);
                }
            }
            FmModel sparse = FmModel.read(new ByteArrayInputStream(all, b.position(), all.length - b.position()),
                    source);
            if (sparse.k() != k) {
                throw new IllegalArgumentException("ranking FM model " + source + ": dense k " + k + " != sparse k "
                        + sparse.k());
            }
            return new RankingFmModel(sparse, features, mean, scale, w, v);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("ranking FM model " + source + " is truncated (" + all.length + " bytes)");
        }
    }
}
