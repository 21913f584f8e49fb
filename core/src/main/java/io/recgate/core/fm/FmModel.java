package io.recgate.core.fm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A second-order Factorization Machine over a {@link FeatureSpace}:
 * {@code y(x) = w0 + Σ_j w_j x_j + Σ_{j<l} ⟨v_j, v_l⟩ x_j x_l}, with {@code k} factors per feature.
 *
 * <p>Arrays are owned by the model and must not be modified after construction; the model is then
 * safe to share between threads. Serving goes through {@link FmScorer}; {@link #predict} is the
 * plain O(k·n) formula, for evaluation and tests.
 *
 * <p>The file format (see {@link #write(OutputStream)}) is our own, versioned and little-endian; no
 * Java serialization.
 */
public final class FmModel {

    private final FeatureSpace space;
    private final int k;
    private final float w0;
    private final float[] w;
    private final float[] v;

    /**
     * @param space the feature layout
     * @param k     factors per feature, > 0
     * @param w0    global bias
     * @param w     linear weights, one per feature
     * @param v     factors, row-major, {@code numFeatures × k}
     * @throws IllegalArgumentException on wrong lengths or a NaN/infinite parameter (naming where)
     */
    public FmModel(FeatureSpace space, int k, float w0, float[] w, float[] v) {
        this.space = Objects.requireNonNull(space, "space");
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(v, "v");
        if (k <= 0) {
            throw new IllegalArgumentException("k " + k + " must be > 0");
        }
        int n = space.numFeatures();
        if (w.length != n) {
            throw new IllegalArgumentException("w length " + w.length + " != numFeatures " + n);
        }
        if (v.length != (long) n * k) {
            throw new IllegalArgumentException("v length " + v.length + " != numFeatures " + n + " × k " + k);
        }
        if (!Float.isFinite(w0)) {
            throw new IllegalArgumentException("w0 is " + w0);
        }
        checkFinite("w", w, 1);
        checkFinite("v", v, k);
        this.k = k;
        this.w0 = w0;
        this.w = w;
        this.v = v;
    }

    private static void checkFinite(String name, float[] a, int rowLength) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw new IllegalArgumentException(name + " of feature " + i / rowLength
                        + (rowLength > 1 ? " factor " + i % rowLength : "") + " is " + a[i]);
            }
        }
    }

    public FeatureSpace space() {
        return space;
    }

    /** Factors per feature. */
    public int k() {
        return k;
    }

    public float w0() {
        return w0;
    }

    /** Linear weights, one per feature; do not modify. */
    public float[] w() {
        return w;
    }

    /** Factors, row-major {@code numFeatures × k}; do not modify. */
    public float[] v() {
        return v;
    }

    /**
     * The FM prediction for a feature vector, in O(k·n) via
     * {@code Σ_{j<l} ⟨v_j,v_l⟩x_j x_l = ½ Σ_f [(Σ_j v_jf x_j)² − Σ_j v_jf² x_j²]}, accumulated in double.
     *
     * @throws IllegalArgumentException when an index is outside [0, numFeatures)
     */
    public double predict(SparseFeatures x) {
        int[] idx = x.indices();
        float[] val = x.values();
        int n = space.numFeatures();
        double y = w0;
        for (int p = 0; p < idx.length; p++) {
            if (idx[p] < 0 || idx[p] >= n) {
                throw new IllegalArgumentException("feature " + idx[p] + " outside [0, " + n + ")");
            }
            y += (double) w[idx[p]] * val[p];
        }
        for (int f = 0; f < k; f++) {
            double sum = 0;
            double sumSq = 0;
            for (int p = 0; p < idx.length; p++) {
                double t = (double) v[idx[p] * k + f] * val[p];
                sum += t;
                sumSq += t * t;
            }
            y += 0.5 * (sum * sum - sumSq);
        }
        return y;
    }

    /**
     * Writes the model in the Recgate FM format, version {@value FmModelFormat#VERSION}. Does not
     * close the stream.
     *
     * @throws UncheckedIOException when writing fails
     */
    public void write(OutputStream out) {
        try {
            FmModelFormat.write(this, Channels.newChannel(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write FM model: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the model to a file (created or truncated) and forces it to disk.
     *
     * @throws UncheckedIOException when writing fails
     */
    public void write(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            FmModelFormat.write(this, channel);
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write FM model " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and validates a model file. The whole file is read into memory, so it must be smaller
     * than 2 GB.
     *
     * @throws UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException when the content is not a valid model (bad magic, unsupported
     *                                  version, truncated, bad checksum, inconsistent sizes, NaN or
     *                                  infinite parameters), with the file name and the reason
     */
    public static FmModel read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return FmModelFormat.read(channel, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read FM model " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and validates a model from a stream (to its end). Does not close the stream.
     *
     * @param source a name for error messages, e.g. the file or resource name
     * @throws UncheckedIOException     when the stream cannot be read
     * @throws IllegalArgumentException when the content is not a valid model, see {@link #read(Path)}
     */
    public static FmModel read(InputStream in, String source) {
        try {
            return FmModelFormat.read(Channels.newChannel(in), source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read FM model " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FmModel[k=" + k + ", features=" + space.numFeatures() + ", users=" + space.users().size()
                + ", items=" + space.items().size() + ", implicit=" + space.implicit() + "]";
    }
}
