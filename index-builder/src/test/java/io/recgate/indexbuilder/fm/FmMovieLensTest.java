package io.recgate.indexbuilder.fm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.fm.FmModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The RMSE bar on MovieLens 100K u1, measured on the exported model through the serving path. */
class FmMovieLensTest {

    @Test
    void defaultParametersReachRmse0915OnMovieLens100kU1() {
        Optional<Path> dir = MovieLens100k.directory();
        if (dir.isEmpty()) {
            System.out.println("SKIPPED FmMovieLensTest: ML-100K not found (set -Drecgate.movielens.dir or place "
                    + "shared/data/movielens/ml-100k beside the repository)");
        }
        Assumptions.assumeTrue(dir.isPresent(), "ML-100K data folder not found");
        MovieLens100k.Split split = MovieLens100k.load(dir.get(), "u1");
        long start = System.nanoTime();
        FmModel model = FmTrainer.train(split.train(), FmParams.defaults(), FmProgressListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        // Through the file format too: the number must be that of the model as published.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        FmModel published = FmModel.read(new ByteArrayInputStream(out.toByteArray()), "ml-100k.fm");
        double rmse = FmEvaluation.rmse(published, split.test().interactions(), 1f, 5f);
        System.out.printf("FM MCMC on ML-100K u1: %s, exported k'=%d, %d bytes, trained in %.1f s, u1.test RMSE %.4f%n",
                FmParams.defaults(), published.k(), out.size(), seconds, rmse);
        assertEquals(FmParams.defaults().exportedFactors(), published.k());
        assertTrue(rmse <= 0.915, "u1.test RMSE " + rmse + " > 0.915");
    }
}
