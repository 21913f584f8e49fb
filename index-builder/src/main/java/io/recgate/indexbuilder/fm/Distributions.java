package io.recgate.indexbuilder.fm;

import java.util.SplittableRandom;

/** Draws from the distributions the Gibbs sampler needs, from one seeded generator. Not thread-safe. */
final class Distributions {

    private final SplittableRandom random;

    Distributions(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double gaussian() {
        return random.nextGaussian();
    }

    /** Normal with the given mean and precision (1 / variance). */
    double normal(double mean, double precision) {
        return mean + random.nextGaussian() / Math.sqrt(precision);
    }

    /** Gamma with the given shape and rate (mean shape / rate), Marsaglia and Tsang (2000). */
    double gamma(double shape, double rate) {
        if (shape < 1) {
            // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a).
            return gamma(shape + 1, rate) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double t = 1 + c * x;
            if (t <= 0) {
                continue;
            }
            double v = t * t * t;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v / rate;
            }
        }
    }
}
