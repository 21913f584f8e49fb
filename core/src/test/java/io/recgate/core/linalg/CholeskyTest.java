package io.recgate.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CholeskyTest {

    @Test
    void solvesARandomSpdSystem() {
        int d = 17;
        Random random = new Random(3);
        double[] m = new double[d * d];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextGaussian();
        }
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = i == j ? 0.5 : 0;
                for (int k = 0; k < d; k++) {
                    s += m[i * d + k] * m[j * d + k];
                }
                a[i * d + j] = s;
            }
        }
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = random.nextGaussian();
        }
        double[] b = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                b[i] += a[i * d + j] * x[j];
            }
        }
        Cholesky.solveInPlace(a.clone(), b, d);
        for (int i = 0; i < d; i++) {
            assertEquals(x[i], b[i], 1e-8);
        }
    }

    @Test
    void refusesAMatrixThatIsNotPositiveDefinite() {
        double[] a = {1, 2, 2, 1};
        var e = assertThrows(IllegalArgumentException.class, () -> Cholesky.solveInPlace(a, new double[2], 2));
        assertEquals("matrix is not positive definite: pivot 1 = -3.0", e.getMessage());
    }
}
