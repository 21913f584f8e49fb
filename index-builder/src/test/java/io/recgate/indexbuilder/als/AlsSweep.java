package io.recgate.indexbuilder.als;

import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Interactions;

final class AlsSweep {
    public static void main(String[] args) {
        MovieLens100k data = MovieLens100k.load(MovieLens100k.locate().orElseThrow(), "u1");
        String mode = args[0];
        if (mode.equals("explicit")) {
            for (String rs : args[1].split(",")) for (String ls : args[2].split(",")) for (String is : args[3].split(",")) {
                AlsParams p = AlsParams.defaults().withRank(Integer.parseInt(rs)).withLambda(Double.parseDouble(ls)).withIterations(Integer.parseInt(is)).withThreads(2);
                long t0 = System.nanoTime();
                FactorModel m = ExplicitAls.train(data.train(), p, (it, n, el, loss) -> { if (args.length > 4) System.out.printf("  it %d train %.4f %s%n", it, loss, el); });
                long t1 = System.nanoTime();
                System.out.printf("rank %s lambda %s it %s: test RMSE %.4f (%.0f ms)%n", rs, ls, is, OfflineMetrics.rmse(m, data.test(), 1f, 5f), (t1 - t0) / 1e6);
            }
        } else {
            // implicit rank lambda alpha iterations binary|rating linear|log
            Interactions train = data.train();
            if (args[6].equals("binary")) {
                float[] ones = new float[train.size()];
                java.util.Arrays.fill(ones, 1f);
                train = new Interactions(train.users(), train.items(), train.userColumn(), train.itemColumn(), ones, train.timestampColumn());
            }
            System.out.printf("popularity NDCG@10 %.4f%n", OfflineMetrics.popularityNdcg(data.train(), data.test()));
            for (String rs : args[1].split(",")) for (String ls : args[2].split(",")) for (String as : args[3].split(",")) for (String is : args[4].split(",")) {
                AlsParams p = AlsParams.implicitDefaults().withRank(Integer.parseInt(rs)).withLambda(Double.parseDouble(ls)).withAlpha(Double.parseDouble(as))
                        .withIterations(Integer.parseInt(is)).withThreads(2).withConfidence(ConfidenceScaling.valueOf(args[5].toUpperCase()));
                long t0 = System.nanoTime();
                FactorModel m = ImplicitAls.train(train, p, (it, n, el, loss) -> { if (args.length > 7) System.out.printf("  it %d loss %.5f %s%n", it, loss, el); });
                long t1 = System.nanoTime();
                System.out.printf("rank %s lambda %s alpha %s it %s %s %s: NDCG@10 %.4f (%.0f ms)%n", rs, ls, as, is, args[5], args[6], OfflineMetrics.ndcg(m, data.train(), data.test()), (t1 - t0) / 1e6);
            }
        }
    }
}
