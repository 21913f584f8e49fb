package io.recgate.indexbuilder.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.generate.GeneratorParams;
import io.recgate.indexbuilder.generate.PlantedModel;
import io.recgate.indexbuilder.generate.ProgressListener;
import io.recgate.indexbuilder.generate.SyntheticGenerator;
import io.recgate.indexbuilder.io.Interactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator and the generator together: the planted truth must beat popularity. */
class EvaluatorOnSyntheticDataTest {

    @Test
    void plantedTasteRanksBetterThanPopularityOnGeneratedData(@TempDir Path dir) throws IOException {
        GeneratorParams params = GeneratorParams.of(2000, 1000, 60_000).withThreads(2);
        SyntheticGenerator.generate(params, dir, ProgressListener.NONE);
        PlantedModel planted = PlantedModel.plant(params);

        // Ids are u<index+1> / i<index+1>, and each user's rows are in time order: the last row
        // of each user with at least 5 rows is held out.
        List<String> lines = Files.readAllLines(dir.resolve("interactions.csv"));
        int n = lines.size() - 1;
        int[] user = new int[n];
        int[] item = new int[n];
        float[] rating = new float[n];
        for (int r = 0; r < n; r++) {
            String[] f = lines.get(r + 1).split(",");
            user[r] = Integer.parseInt(f[0].substring(1)) - 1;
            item[r] = Integer.parseInt(f[1].substring(1)) - 1;
            rating[r] = Float.parseFloat(f[2]);
        }
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> testRows = new ArrayList<>();
        int[] perUser = planted.interactionsPerUser();
        for (int r = 0; r < n; r++) {
            boolean last = r + 1 == n || user[r + 1] != user[r];
            (last && perUser[user[r]] >= 5 ? testRows : trainRows).add(r);
        }
        Interactions all = new Interactions(ids("u", 2000),
                ids("i", 1000), user, item, rating, new long[n]);
        Interactions train = all.select(trainRows.stream().mapToInt(Integer::intValue).toArray());
        Interactions test = all.select(testRows.stream().mapToInt(Integer::intValue).toArray());

        // The generator draws item i for user u with probability ∝ popularity_i · exp(β⟨u, v_i⟩):
        // put log-popularity into the item bias and scale the user vectors by β = 4.
        int rank = planted.rank();
        float[] userFactors = planted.userFactors().clone();
        for (int k = 0; k < userFactors.length; k++) {
            userFactors[k] *= 4f;
        }
        float[] itemBias = new float[1000];
        for (int i = 0; i < 1000; i++) {
            itemBias[i] = (float) Math.log(planted.itemPopularity()[i]);
        }
        FactorModel model = new FactorModel(rank, userFactors, planted.itemFactors(), 0f, new float[2000], itemBias);
        EvaluationReport report = Evaluator.evaluate(train, test, new FactorModelRanker(model, true), null,
                EvalOptions.defaults().withThreads(2)
                        .withDissimilarity(ItemDissimilarity.cosine(planted.itemFactors(), rank)));

        double modelNdcg = report.model().ndcg();
        double baselineNdcg = report.baseline().ndcg();
        assertTrue(modelNdcg > 1.3 * baselineNdcg, report.toTable());
        assertTrue(report.model().coverage() > report.baseline().coverage(), report.toTable());
        assertTrue(report.model().diversity() < report.baseline().diversity(),
                "taste-based lists are more alike than popularity lists\n" + report.toTable());
    }

    private static IdMap ids(String prefix, int n) {
        return EvaluatorTest.ids(prefix, n);
    }
}
