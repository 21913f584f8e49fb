package io.recgate.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a publishing child JVM with SIGKILL at random moments and checks after every kill that
 * {@code current} verifies and that every version directory is complete. Rounds default to 5; set
 * {@code -Drecgate.kill9.rounds=50} for a longer run.
 */
class KillNineTest {

    @TempDir
    Path root;

    @Test
    void killedPublisherAlwaysLeavesAVerifiedCurrent() throws Exception {
        int rounds = Integer.getInteger("recgate.kill9.rounds", 5);
        Random random = new Random(Long.getLong("recgate.kill9.seed", 42L));
        int killsAfterAPublish = 0;
        int killsLeavingDebris = 0;
        for (int round = 0; round < rounds; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), PublishLoop.class.getName(),
                    root.toString()).redirectErrorStream(true).start();
            List<String> output = new CopyOnWriteArrayList<>();
            CountDownLatch firstPublish = new CountDownLatch(1);
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        output.add(line);
                        if (line.startsWith("published ")) {
                            firstPublish.countDown();
                        }
                    }
                } catch (IOException ignored) {
                    // The stream breaks when the child is killed.
                }
            });
            try {
                // Usually kill mid-publish of a later version; sometimes during start-up or the first publish.
                if (random.nextInt(4) > 0 && firstPublish.await(30, TimeUnit.SECONDS)) {
                    killsAfterAPublish++;
                }
                Thread.sleep(random.nextInt(150));
                if (!child.isAlive()) {
                    fail("publisher exited by itself with " + child.exitValue() + ": " + output);
                }
            } finally {
                child.destroyForcibly(); // SIGKILL on POSIX
                child.waitFor(30, TimeUnit.SECONDS);
                reader.join(5_000);
            }
            if (!BundleTestSupport.hiddenEntries(root).isEmpty()) {
                killsLeavingDebris++;
            }
            checkRoot(round, output);
        }
        assertTrue(killsAfterAPublish > 0, "no round killed the child after a publish");
        System.out.printf("kill -9: %d rounds, %d after a publish, %d left staging/deleting debris, highest %s%n",
                rounds, killsAfterAPublish, killsLeavingDebris, BundleTestSupport.versionNames(root));

        // The next writer removes whatever the killed ones left and publishes normally.
        BundleVersion next = BundleTestSupport.publishSmall(root, 3, true);
        assertEquals(List.of(), BundleTestSupport.hiddenEntries(root));
        assertEquals(next.name(), BundleRoot.at(root).openCurrent().version());
    }

    private void checkRoot(int round, List<String> output) {
        BundleRoot bundles = BundleRoot.at(root);
        try {
            if (bundles.currentVersion().isPresent()) {
                bundles.openCurrent();
            }
            for (BundleVersion version : bundles.versions()) {
                Bundle.open(version.dir());
            }
        } catch (BundleException e) {
            throw new AssertionError("round " + round + ": " + e.getMessage() + "; child output " + output, e);
        }
    }
}
