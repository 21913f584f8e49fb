package io.recgate.core.linalg;

/**
 * Solves small dense symmetric positive-definite systems A x = b in place, as ALS and fold-in
 * need once per user or item (A is d×d with d the factor rank, typically 8..256).
 *
 * <p>Works on row-major {@code double[]} scratch arrays owned by the caller, so a solver thread
 * reuses them across rows and allocates nothing per solve. Not thread-safe per array.
 */
public final class Cholesky {

    private Cholesky() {
    }

    /**
     * Solves A x = b for symmetric positive-definite A (row-major, d×d). On return {@code b} holds x
     * and the lower triangle of {@code a} holds the Cholesky factor L (A = L Lᵀ).
     *
     * @throws IllegalArgumentException if A is not positive definite (a pivot ≤ 0), naming the pivot
     */
    public static void solveInPlace(double[] a, double[] b, int d) {
        for (int j = 0; j < d; j++) {
            int rowJ = j * d;
            double diagonal = a[rowJ + j];
            for (int k = 0; k < j; k++) {
                double l = a[rowJ + k];
                diagonal -= l * l;
            }
            if (!(diagonal > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite: pivot " + j + " = " + diagonal);
            }
            double pivot = Math.sqrt(diagonal);
            a[rowJ + j] = pivot;
            for (int i = j + 1; i < d; i++) {
                int rowI = i * d;
                double sum = a[rowI + j];
                for (int k = 0; k < j; k++) {
                    sum -= a[rowI + k] * a[rowJ + k];
                }
                a[rowI + j] = sum / pivot;
            }
        }
        // Forward substitution: L y = b.
        for (int i = 0; i < d; i++) {
            int rowI = i * d;
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= a[rowI + k] * b[k];
            }
            b[i] = sum / a[rowI + i];
        }
        // Back substitution: Lᵀ x = y.
        for (int i = d - 1; i >= 0; i--) {
            double sum = b[i];
            for (int k = i + 1; k < d; k++) {
                sum -= a[k * d + i] * b[k];
            }
            b[i] = sum / a[i * d + i];
        }
    }
}
