package io.recgate.indexbuilder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.bundle.BundleRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments of {@code rebuild} (a real child JVM running the CLI) never
 * leaves {@code current} pointing at a partial bundle: after every kill the current bundle of both
 * roots verifies, and a later rebuild still publishes.
 */
class RebuildKillNineTest {

    private static final int ROUNDS = Integer.getInteger("recgate.kill9.rounds", 4);

    @TempDir
    Path dir;

    @Test
    void killingRebuildNeverLeavesCurrentAtAPartialBundle() throws Exception {
        Path data = dir.resolve("data");
        assertEquals(ExitCodes.OK, CliRun.of("generate", "--out", data.toString(), "--users", "3000", "--items",
                "4000", "--interactions", "90000", "--seed", "3").exitCode());
        Path config = Files.writeString(dir.resolve("rebuild.conf"), String.join("\n",
                "format = csv",
                "data = " + data.resolve("interactions.csv"),
                "user-column = user_id",
                "item-column = item_id",
                "model = implicit-als",
                "iterations = 4",
                "bundles = " + dir.resolve("bundles"),
                "models = " + dir.resolve("models"),
                ""));
        Path bundles = dir.resolve("bundles");
        assertEquals(0, rebuild(config).waitFor(), "a first, uninterrupted rebuild publishes");
        String first = BundleRoot.at(bundles).currentVersion().orElseThrow();

        Random random = new Random(11);
        int killedMidway = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = rebuild(config);
            long delay = 300 + random.nextInt(3500);
            if (child.waitFor(delay, TimeUnit.MILLISECONDS)) {
                assertEquals(0, child.exitValue(), "finished before the kill");
            } else {
                child.destroyForcibly(); // SIGKILL on Linux
                child.waitFor();
                killedMidway++;
            }
            // Both roots must open and verify every checksum of their current version.
            BundleRoot.at(bundles).openCurrent();
            BundleRoot.at(dir.resolve("models")).openCurrent();
        }
        assertTrue(killedMidway > 0, "at least one rebuild was killed while running");
        assertEquals(0, rebuild(config).waitFor(), "a rebuild after the kills still publishes");
        assertTrue(BundleRoot.at(bundles).currentVersion().orElseThrow().compareTo(first) > 0);
        assertEquals(ExitCodes.OK, CliRun.of("verify", bundles.toString()).exitCode());
    }

    private Process rebuild(Path config) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules=jdk.incubator.vector");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("rebuild");
        command.add("--config");
        command.add(config.toString());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
    }
}
