package io.recgate.core.fm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingFmModelTest {

    private static final List<RetrievalFeature> FEATURES =
            List.of(RetrievalFeature.SCORE_Z, RetrievalFeature.LOG_POPULARITY, RetrievalFeature.LOG_RANK);

    static RankingFmModel model(Random random, int k) {
        FeatureSpace space = RandomModels.space(random, 15, 40, true, true);
        FmModel sparse = RandomModels.model(random, space, k);
        int d = FEATURES.size();
        float[] mean = new float[d];
        float[] scale = new float[d];
        float[] w = new float[d];
        float[] v = new float[d * k];
        for (int e = 0; e < d; e++) {
            mean[e] = (float) random.nextGaussian();
            scale[e] = 0.5f + random.nextFloat();
            w[e] = (float) random.nextGaussian();
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.3 * random.nextGaussian());
        }
        return new RankingFmModel(sparse, FEATURES, mean, scale, w, v);
    }

    @Test
    void scorerEqualsTheModelsPlainFormula() {
        Random random = new Random(3);
        RankingFmModel model = model(random, 12);
        RankingFmScorer scorer = new RankingFmScorer(model);
        FeatureSpace space = model.sparse().space();
        float[] raw = new float[FEATURES.size()];
        float[] scratch = new float[FEATURES.size()];
        for (int u = 0; u < space.users().size(); u++) {
            RankingFmScorer.Request request = scorer.prepare(scorer.sparse().prepare(u));
            for (int i = 0; i < space.items().size(); i++) {
                for (int e = 0; e < raw.length; e++) {
                    raw[e] = (float) random.nextGaussian();
                }
                double expected = model.predict(space.userFeatures(u).concat(space.itemFeatures(i)), raw);
                assertEquals(expected, scorer.score(request, i, raw, scratch), 1e-4 * (1 + Math.abs(expected)),
                        "user " + u + " item " + i);
            }
        }
    }

    @Test
    void explanationPartsAddUpToTheScore() {
        Random random = new Random(4);
        RankingFmModel model = model(random, 8);
        RankingFmScorer scorer = new RankingFmScorer(model);
        RankingFmScorer.Request request = scorer.prepare(scorer.sparse().prepare(2));
        float[] raw = {1.5f, 3f, 0.7f};
        FmExplanation e = scorer.explain(request, 5, raw, 100);
        double parts = e.globalBias() + e.userPairwise() + e.itemSide();
        for (float g : e.byUserGroup().values()) {
            parts += g;
        }
        assertEquals(e.score(), parts, 1e-3 * (1 + Math.abs(e.score())));
        assertEquals(scorer.score(request, 5, raw, new float[3]), e.score(), 1e-6);
        assertTrue(e.topFeatures().stream().anyMatch(c -> c.group() == FeatureGroup.RETRIEVAL), e.toString());
    }

    @Test
    void roundTripsThroughItsFileFormat() {
        RankingFmModel model = model(new Random(5), 6);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);
        RankingFmModel read = RankingFmModel.read(new ByteArrayInputStream(bytes.toByteArray()), "test");
        assertEquals(model.features(), read.features());
        assertArrayEquals(model.w(), read.w());
        assertArrayEquals(model.v(), read.v());
        assertArrayEquals(model.mean(), read.mean());
        assertArrayEquals(model.scale(), read.scale());
        assertArrayEquals(model.sparse().v(), read.sparse().v());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        read.write(again);
        assertArrayEquals(bytes.toByteArray(), again.toByteArray(), "the same model writes the same bytes");
    }

    @Test
    void refusesCorruptFilesNamingTheProblem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model(new Random(6), 4).write(out);
        byte[] good = out.toByteArray();
        byte[] flipped = good.clone();
        flipped[20] ^= 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankingFmModel.read(new ByteArrayInputStream(flipped), "flipped.bin"));
        assertTrue(e.getMessage().contains("flipped.bin") && e.getMessage().contains("checksum"), e.getMessage());
        byte[] truncated = Arrays.copyOf(good, 30);
        e = assertThrows(IllegalArgumentException.class,
                () -> RankingFmModel.read(new ByteArrayInputStream(truncated), "short.bin"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] magic = good.clone();
        magic[0] = 'X';
        e = assertThrows(IllegalArgumentException.class,
                () -> RankingFmModel.read(new ByteArrayInputStream(magic), "magic.bin"));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void scoreListStandardisesAndSurvivesEqualScores() {
        RetrievalFeature.ScoreList list = RetrievalFeature.ScoreList.of(new float[] {3f, 1f, 2f, 99f}, 3);
        assertEquals(2f, list.mean(), 1e-6);
        assertEquals(Math.sqrt(2.0 / 3), list.std(), 1e-6);
        assertEquals(1.2247, RetrievalFeature.SCORE_Z.value(list, 0, 0), 1e-3);
        assertEquals(-2f, RetrievalFeature.SCORE_GAP.value(list, 1, 0), 1e-6);
        assertEquals(Math.log(3), RetrievalFeature.LOG_RANK.value(list, 2, 0), 1e-6);
        assertEquals(Math.log(11), RetrievalFeature.LOG_POPULARITY.value(list, 0, 10), 1e-6);
        RetrievalFeature.ScoreList flat = RetrievalFeature.ScoreList.of(new float[] {1f, 1f}, 2);
        assertEquals(0f, RetrievalFeature.SCORE_Z.value(flat, 1, 0));
    }
}
