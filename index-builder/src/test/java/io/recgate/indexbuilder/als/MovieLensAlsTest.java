package io.recgate.indexbuilder.als;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Interactions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quality bars on MovieLens 100K u1.base → u1.test with the default parameters. Skipped, with the
 * reason printed, when the data folder is absent.
 */
class MovieLensAlsTest {

    private static MovieLens100k data;

    @BeforeAll
    static void load() {
        Optional<Path> dir = MovieLens100k.locate();
        if (dir.isEmpty()) {
            System.out.println("MovieLensAlsTest skipped: " + MovieLens100k.missingReason());
            return;
        }
        data = MovieLens100k.load(dir.get(), "u1");
    }

    @Test
    void explicitAlsWithDefaultsReachesTestRmseOf0925() {
        assumeTrue(data != null, MovieLens100k.missingReason());
        FactorModel model = ExplicitAls.train(data.train(), AlsParams.defaults().withThreads(2), ProgressListener.none());
        double rmse = OfflineMetrics.rmse(model, data.test(), 1f, 5f);
        System.out.printf("ML-100K u1 explicit ALS %s: test RMSE %.4f%n", AlsParams.defaults().withThreads(2), rmse);
        assertTrue(rmse <= 0.925, "test RMSE " + rmse);
    }

    @Test
    void implicitAlsWithDefaultsBeatsPopularityNdcgBy60Percent() {
        assumeTrue(data != null, MovieLens100k.missingReason());
        Interactions train = data.train();
        float[] ones = new float[train.size()];
        Arrays.fill(ones, 1f);
        Interactions clicks = new Interactions(train.users(), train.items(), train.userColumn(), train.itemColumn(),
                ones, train.timestampColumn());
        AlsParams params = AlsParams.implicitDefaults().withThreads(2);
        FactorModel model = ImplicitAls.train(clicks, params, ProgressListener.none());
        double ndcg = OfflineMetrics.ndcg(model, train, data.test());
        double popularity = OfflineMetrics.popularityNdcg(train, data.test());
        System.out.printf("ML-100K u1 implicit ALS %s: NDCG@10 %.4f, popularity %.4f, ratio %.3f%n",
                params, ndcg, popularity, ndcg / popularity);
        assertTrue(ndcg >= 1.6 * popularity, "NDCG@10 " + ndcg + " vs popularity " + popularity);
    }
}
