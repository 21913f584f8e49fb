package io.recgate.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRootTest {

    @TempDir
    Path root;

    /** What a kill -9 at a publish step looks like from outside. */
    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void writersInSequenceGetConsecutiveVersions() {
        assertEquals("v000001", BundleTestSupport.publishSmall(root, 5, true).name());
        assertEquals("v000002", BundleTestSupport.publishSmall(root, 5, true).name());
        assertEquals(Optional.of("v000002"), BundleRoot.at(root).currentVersion());
        assertEquals("v000002", BundleRoot.at(root).openCurrent().version());
    }

    @Test
    void listsVersionsWithManifestsAndTheCurrentOne() throws IOException {
        BundleTestSupport.publishSmall(root, 5, true);
        BundleTestSupport.publishSmall(root, 5, false);
        Files.createDirectory(root.resolve("v000007"));
        Files.createDirectory(root.resolve("not-a-version"));
        List<BundleVersion> versions = BundleRoot.at(root).versions();
        assertEquals(List.of("v000001", "v000002", "v000007"), versions.stream().map(BundleVersion::name).toList());
        assertTrue(versions.get(0).current());
        assertFalse(versions.get(1).current());
        assertEquals(3, versions.get(1).manifest().itemCount());
        assertEquals(BundleTestSupport.FIXED_CLOCK.instant(), versions.get(1).manifest().createdAt());
        assertNull(versions.get(1).problem());
        assertNull(versions.get(2).manifest());
        assertEquals("bundle " + versions.get(2).dir() + ": missing manifest.json (not a published bundle)",
                versions.get(2).problem());
    }

    @Test
    void publishWithoutMakingCurrentThenActivate() {
        BundleTestSupport.publishSmall(root, 5, true);
        BundleVersion second = BundleTestSupport.publishSmall(root, 5, false);
        assertFalse(second.current());
        BundleRoot bundles = BundleRoot.at(root);
        assertEquals(Optional.of("v000001"), bundles.currentVersion());
        assertEquals("v000002", bundles.setCurrent("v000002").version());
        assertEquals(Optional.of("v000002"), bundles.currentVersion());
        bundles.setCurrent("v000001"); // rollback
        assertEquals("v000001", bundles.openCurrent().version());
    }

    @Test
    void setCurrentRefusesABrokenVersionAndKeepsTheOldOne() throws IOException {
        BundleTestSupport.publishSmall(root, 5, true);
        BundleVersion second = BundleTestSupport.publishSmall(root, 5, false);
        Files.delete(second.dir().resolve(BundleFiles.ITEM_IDS));
        BundleRoot bundles = BundleRoot.at(root);
        BundleException e = assertThrows(BundleException.class, () -> bundles.setCurrent("v000002"));
        assertEquals("bundle " + second.dir() + ": missing file item_ids.txt (listed in manifest.json)", e.getMessage());
        assertEquals(Optional.of("v000001"), bundles.currentVersion());
        assertThrows(IllegalArgumentException.class, () -> bundles.setCurrent("../v000001"));
        assertThrows(BundleException.class, () -> bundles.setCurrent("v000009"));
    }

    @Test
    void refusesCurrentPointingAtAMissingVersion() throws IOException {
        BundleTestSupport.publishSmall(root, 5, true);
        Files.writeString(root.resolve(BundleRoot.CURRENT), "v000009\n");
        BundleRoot bundles = BundleRoot.at(root);
        BundleException e = assertThrows(BundleException.class, bundles::openCurrent);
        assertEquals("bundle " + bundles.dir() + ": current points at v000009, which does not exist", e.getMessage());
    }

    @Test
    void refusesCurrentHoldingGarbageAndReportsNothingPublished() throws IOException {
        BundleRoot bundles = BundleRoot.at(root);
        assertEquals("bundle " + bundles.dir() + ": no current version (nothing published yet?)",
                assertThrows(BundleException.class, bundles::openCurrent).getMessage());
        Files.writeString(root.resolve(BundleRoot.CURRENT), "../../etc");
        assertEquals("bundle " + bundles.dir() + ": current holds '../../etc', not a version name",
                assertThrows(BundleException.class, bundles::openCurrent).getMessage());
    }

    @Test
    void nextVersionNumberSkipsPastADanglingCurrent() throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve(BundleRoot.CURRENT), "v000004\n");
        assertEquals("v000005", BundleTestSupport.publishSmall(root, 5, true).name());
    }

    @Test
    void retentionKeepsTheNewestAndNeverDeletesCurrent() {
        for (int i = 0; i < 4; i++) {
            BundleTestSupport.publishSmall(root, 2, true);
        }
        assertEquals(List.of("v000003", "v000004"), BundleTestSupport.versionNames(root));
        BundleRoot.at(root).setCurrent("v000003"); // roll back
        BundleTestSupport.publishSmall(root, 2, false);
        BundleTestSupport.publishSmall(root, 2, false);
        assertEquals(List.of("v000003", "v000005", "v000006"), BundleTestSupport.versionNames(root));
        assertEquals("v000003", BundleRoot.at(root).openCurrent().version());
    }

    @Test
    void retentionOfOneKeepsOnlyTheNewPlusCurrent() throws IOException {
        BundleTestSupport.publishSmall(root, 1, true);
        BundleTestSupport.publishSmall(root, 1, false);
        BundleTestSupport.publishSmall(root, 1, false);
        assertEquals(List.of("v000001", "v000003"), BundleTestSupport.versionNames(root));
        assertEquals(List.of(), BundleTestSupport.hiddenEntries(root));
    }

    @Test
    void crashBeforeRenameLeavesCurrentAndNextWriterCleansUp() throws IOException {
        BundleTestSupport.publishSmall(root, 5, true);
        BundleWriter crashing = BundleWriter.open(root, 5, BundleTestSupport.FIXED_CLOCK);
        crashing.addFloatMatrix(BundleFiles.ITEM_FACTORS, new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2);
        crashing.crashHook = step -> {
            if (step.equals("before-rename")) {
                throw new SimulatedCrash();
            }
        };
        assertThrows(SimulatedCrash.class, () -> crashing.publish(BundleTestSupport.metadata()));
        crashing.simulateCrash();
        Path staging = crashing.stagingDir();
        assertTrue(Files.exists(staging.resolve(BundleFiles.MANIFEST)), "the crash left a complete-looking staging dir");

        BundleRoot bundles = BundleRoot.at(root);
        assertEquals(List.of("v000001"), BundleTestSupport.versionNames(root));
        assertEquals("v000001", bundles.openCurrent().version());

        assertEquals("v000002", BundleTestSupport.publishSmall(root, 5, true).name());
        assertFalse(Files.exists(staging));
        assertEquals(List.of(), BundleTestSupport.hiddenEntries(root));
    }

    @Test
    void crashAfterRenameBeforeCurrentLeavesTheOldCurrent() {
        BundleTestSupport.publishSmall(root, 5, true);
        BundleWriter crashing = BundleWriter.open(root, 5, BundleTestSupport.FIXED_CLOCK);
        crashing.addFloatMatrix(BundleFiles.ITEM_FACTORS, BundleTestSupport.ITEM_FACTORS, 2);
        crashing.crashHook = step -> {
            if (step.equals("before-current")) {
                throw new SimulatedCrash();
            }
        };
        assertThrows(SimulatedCrash.class, () -> crashing.publish(BundleTestSupport.metadata()));
        BundleRoot bundles = BundleRoot.at(root);
        assertEquals("v000001", bundles.openCurrent().version());
        Bundle.open(bundles.versionDir("v000002")); // complete, just not current
        assertEquals("v000003", BundleTestSupport.publishSmall(root, 5, true).name());
    }

    @Test
    void aLiveWritersStagingIsNotCleanedByAnother() {
        try (BundleWriter slow = BundleWriter.open(root)) {
            slow.addText("a.txt", "slow");
            BundleTestSupport.publishSmall(root, 5, true);
            assertTrue(Files.isDirectory(slow.stagingDir()));
            assertEquals("v000002", slow.publish(BundleTestSupport.metadata()).name());
        }
        assertEquals("v000002", BundleRoot.at(root).openCurrent().version());
    }

    @Test
    void closingWithoutPublishRemovesStaging() throws IOException {
        Path staging;
        try (BundleWriter writer = BundleWriter.open(root)) {
            writer.addText("a.txt", "abandoned");
            staging = writer.stagingDir();
        }
        assertFalse(Files.exists(staging));
        assertEquals(List.of(), BundleTestSupport.hiddenEntries(root));
        assertEquals(List.of(), BundleTestSupport.versionNames(root));
    }

    @Test
    void refusesBadFileNames() {
        try (BundleWriter writer = BundleWriter.open(root)) {
            for (String[] bad : new String[][] {
                    {"a/b", "bundle file: file name 'a/b' with a path separator or control character"},
                    {"a\\b", "bundle file: file name 'a\\b' with a path separator or control character"},
                    {"..", "bundle file: file name '..' starting with '.' (hidden names are reserved)"},
                    {".hidden", "bundle file: file name '.hidden' starting with '.' (hidden names are reserved)"},
                    {"manifest.json", "bundle file: the reserved file name manifest.json"},
                    {"", "bundle file: an empty file name"},
                    {"x\ny", "bundle file: file name 'x\\ny' with a path separator or control character"}}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> writer.addText(bad[0], "x"), bad[0]);
                assertEquals(bad[1], e.getMessage());
            }
            writer.addText("ok.txt", "x");
            assertEquals("bundle file ok.txt was already added",
                    assertThrows(IllegalArgumentException.class, () -> writer.addText("ok.txt", "y")).getMessage());
            assertEquals(List.of("ok.txt"), writer.fileNames());
        }
    }

    @Test
    void failedBodyLeavesNoFileAndTheNameFree() {
        try (BundleWriter writer = BundleWriter.open(root)) {
            assertThrows(UncheckedIOException.class, () -> writer.addFile("x.bin", out -> {
                out.write(1);
                throw new IOException("disk full");
            }));
            assertFalse(Files.exists(writer.stagingDir().resolve("x.bin")));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.addFile("m.f32", FileKind.F32, 2, 2, out -> out.write(new byte[12])));
            assertFalse(Files.exists(writer.stagingDir().resolve("m.f32")));
            writer.addText("x.bin", "second try");
            assertEquals(List.of("x.bin"), writer.fileNames());
        }
    }

    @Test
    void refusesNonFiniteFactorsAndRaggedMatrices() {
        try (BundleWriter writer = BundleWriter.open(root)) {
            assertEquals("non-finite value Infinity at index 3", assertThrows(IllegalArgumentException.class,
                    () -> writer.addFloatMatrix("f.f32", new float[] {0, 0, 0, Float.POSITIVE_INFINITY}, 2)).getMessage());
            assertEquals("f.f32: length 5 is not a multiple of cols 2", assertThrows(IllegalArgumentException.class,
                    () -> writer.addFloatMatrix("f.f32", new float[5], 2)).getMessage());
            assertEquals("ids.txt: line 1 contains a line break", assertThrows(IllegalArgumentException.class,
                    () -> writer.addLines("ids.txt", List.of("a", "b\r"))).getMessage());
        }
    }

    @Test
    void writerIsSingleUse() {
        try (BundleWriter writer = BundleWriter.open(root)) {
            writer.publish(BundleTestSupport.metadata());
            assertEquals("writer already published v000001",
                    assertThrows(IllegalStateException.class, () -> writer.addText("a.txt", "late")).getMessage());
            assertThrows(IllegalStateException.class, () -> writer.publish(BundleTestSupport.metadata()));
        }
        BundleWriter closed = BundleWriter.open(root);
        closed.close();
        assertEquals("writer is closed",
                assertThrows(IllegalStateException.class, () -> closed.addText("a.txt", "late")).getMessage());
    }

    @Test
    void refusesBadMetadata() {
        assertEquals("dims 0 must be > 0", assertThrows(IllegalArgumentException.class,
                () -> new BundleMetadata(0, "cosine", 1, 1, null, null)).getMessage());
        assertEquals("param seed = [1] must be a String, Number or Boolean", assertThrows(IllegalArgumentException.class,
                () -> new BundleMetadata(2, "cosine", 1, 1, java.util.Map.of("seed", List.of(1)), null)).getMessage());
        assertEquals("metric map = NaN is not finite", assertThrows(IllegalArgumentException.class,
                () -> new BundleMetadata(2, "cosine", 1, 1, null, java.util.Map.of("map", Double.NaN))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BundleWriter.open(root, 0, BundleTestSupport.FIXED_CLOCK));
    }
}
