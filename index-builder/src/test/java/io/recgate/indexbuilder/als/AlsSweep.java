package io.recgate.indexbuilder.als;

import io.recgate.core.model.FactorModel;

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
        }
    }
}
