package io.recgate.core.bundle;

import static io.recgate.core.bundle.BundleTestSupport.FIXED_CLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recgate.core.model.FactorModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {

    @TempDir
    Path root;

    @Test
    void everyFileKindRoundTrips() throws Exception {
        Random random = new Random(3);
        float[] big = new float[3 * 40_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) random.nextGaussian();
        }
        byte[] opaque = new byte[100_001];
        random.nextBytes(opaque);
        Path source = root.resolveSibling(root.getFileName() + "-src.bin");
        Files.write(source, opaque);
        List<Map<String, Object>> items = List.of(Map.of("title", "Toy Story (1995)", "genres", List.of("Animation")),
                Map.of("title", "Ünïcödé \"quoted\"\nnewline", "genres", List.of()),
                Map.of("title", "C", "genres", List.of("Drama", "War")));

        BundleVersion published;
        try (BundleWriter writer = BundleWriter.open(root, 5, FIXED_CLOCK)) {
            writer.addFloatMatrix(BundleFiles.USER_FACTORS, BundleTestSupport.USER_FACTORS, 2);
            writer.addFloatMatrix(BundleFiles.ITEM_FACTORS, BundleTestSupport.ITEM_FACTORS, 2);
            writer.addFloatMatrix("big.f32", big, 3);
            writer.addIntMatrix(BundleFiles.POPULARITY, new int[] {2, 0, 1}, 1);
            writer.addLines(BundleFiles.ITEM_IDS, List.of("i1", "i2", "i3"));
            writer.addLines(BundleFiles.USER_IDS, List.of("ü1", "u2"));
            writer.addText("notes.txt", "free text\nwithout final newline");
            writer.addJsonLines(BundleFiles.ITEMS, items);
            writer.addFile(BundleFiles.HNSW_INDEX, out -> {
                out.write(opaque, 0, 10);
                out.write(opaque[10]);
                out.write(opaque, 11, opaque.length - 11);
                out.close(); // closing the stream early is harmless
            });
            writer.copyFile("copied.bin", source);
            assertTrue(Files.isDirectory(writer.stagingDir()));
            published = writer.publish(BundleTestSupport.metadata());
        }
        assertEquals("v000001", published.name());
        assertEquals(root.resolve("v000001").toAbsolutePath(), published.dir());
        assertTrue(published.current());
        assertEquals(List.of(), BundleTestSupport.hiddenEntries(root));

        Bundle bundle = BundleRoot.at(root).openCurrent();
        assertEquals("v000001", bundle.version());
        assertEquals(Set.of("user_factors.f32", "item_factors.f32", "big.f32", "popularity.i32", "item_ids.txt",
                "user_ids.txt", "notes.txt", "items.jsonl", "hnsw_index.bin", "copied.bin"), bundle.fileNames());
        assertArrayEquals(BundleTestSupport.ITEM_FACTORS, bundle.readFloats(BundleFiles.ITEM_FACTORS));
        assertArrayEquals(big, bundle.readFloats("big.f32"));
        FloatBuffer mapped = bundle.mapFloats("big.f32");
        assertEquals(big.length, mapped.remaining());
        for (int i = 0; i < big.length; i += 997) {
            assertEquals(big[i], mapped.get(i));
        }
        assertArrayEquals(new int[] {2, 0, 1}, bundle.readInts(BundleFiles.POPULARITY));
        assertEquals(List.of("i1", "i2", "i3"), bundle.readLines(BundleFiles.ITEM_IDS));
        assertEquals(List.of("ü1", "u2"), bundle.readLines(BundleFiles.USER_IDS));
        assertEquals("free text\nwithout final newline", bundle.readText("notes.txt"));
        assertEquals(items, bundle.readJsonLines(BundleFiles.ITEMS, Map.class));
        assertArrayEquals(opaque, bundle.readBytes(BundleFiles.HNSW_INDEX));
        try (InputStream in = bundle.openStream("copied.bin")) {
            assertArrayEquals(opaque, in.readAllBytes());
        }

        BundleManifest manifest = bundle.manifest();
        assertEquals(BundleManifest.FORMAT_VERSION, manifest.formatVersion());
        assertEquals("v000001", manifest.bundleVersion());
        assertEquals(FIXED_CLOCK.instant(), manifest.createdAt());
        assertEquals(2, manifest.dims());
        assertEquals(2, manifest.userCount());
        assertEquals(3, manifest.itemCount());
        assertEquals("inner_product", manifest.metadata().metric());
        assertEquals(Map.of("rank", 2L, "lambda", 0.1, "solver", "als", "biased", true), manifest.metadata().params());
        assertEquals(Map.of("recall@10", 0.25, "ndcg@10", 0.125), manifest.metadata().metrics());
        FileEntry big32 = manifest.file("big.f32");
        assertEquals(new FileEntry("big.f32", FileKind.F32, big.length * 4L, sha256(bundle.dir().resolve("big.f32")),
                40_000, 3), big32);
        assertEquals(3, manifest.file(BundleFiles.ITEMS).rows());
        assertEquals(-1, manifest.file("notes.txt").rows());
        assertEquals(published.manifest(), manifest);

        JsonNode json = new ObjectMapper().readTree(bundle.dir().resolve("manifest.json").toFile());
        assertEquals("2026-11-29T18:30:00Z", json.get("createdAt").asText());
        assertEquals("f32", json.at("/files/item_factors.f32/kind").asText());
        assertEquals(3, json.at("/files/item_factors.f32/rows").asInt());
        assertEquals(24, json.at("/files/item_factors.f32/bytes").asInt());
        assertFalse(json.get("files").has("manifest.json"));
    }

    @Test
    void factorModelRoundTripsThroughWellKnownFiles() {
        FactorModel model = new FactorModel(2, BundleTestSupport.USER_FACTORS, BundleTestSupport.ITEM_FACTORS, 3.5f,
                new float[] {0.1f, -0.2f}, new float[] {0f, 0.3f, -0.4f});
        try (BundleWriter writer = BundleWriter.open(root)) {
            FactorModelFiles.write(writer, model);
            writer.publish(BundleTestSupport.metadata());
        }
        FactorModel read = FactorModelFiles.read(BundleRoot.at(root).openCurrent());
        assertArrayEquals(model.userFactors(), read.userFactors());
        assertArrayEquals(model.itemFactors(), read.itemFactors());
        assertArrayEquals(model.userBias(), read.userBias());
        assertArrayEquals(model.itemBias(), read.itemBias());
        assertEquals(3.5f, read.globalBias());
        assertEquals(model.predict(1, 2), read.predict(1, 2));
    }

    @Test
    void identicalInputsGiveIdenticalBytes() throws IOException {
        Path other = root.resolveSibling(root.getFileName() + "-other");
        BundleVersion a = BundleTestSupport.publishSmall(root, 5, true);
        BundleVersion b = BundleTestSupport.publishSmall(other, 5, true);
        for (String name : List.of("manifest.json", "item_factors.f32", "item_ids.txt")) {
            assertArrayEquals(Files.readAllBytes(a.dir().resolve(name)), Files.readAllBytes(b.dir().resolve(name)), name);
        }
    }

    @Test
    void typedReadsRefuseTheWrongKindAndUnlistedNames() {
        Bundle bundle = BundleRoot.at(root).open(BundleTestSupport.publishSmall(root, 5, true).name());
        BundleException wrongKind = assertThrows(BundleException.class, () -> bundle.readFloats(BundleFiles.ITEM_IDS));
        assertEquals("bundle " + bundle.dir() + ": item_ids.txt is text, not f32", wrongKind.getMessage());
        BundleException unlisted = assertThrows(BundleException.class, () -> bundle.readBytes("manifest.json"));
        assertEquals("bundle " + bundle.dir() + ": manifest.json is not listed in manifest.json", unlisted.getMessage());
        assertThrows(BundleException.class, () -> bundle.readInts(BundleFiles.ITEM_FACTORS));
    }

    @Test
    void readFloatsRefusesNanWrittenBehindTheConveniencesBack() {
        try (BundleWriter writer = BundleWriter.open(root)) {
            writer.addFile("raw.f32", FileKind.F32, 2, 2, out -> io.recgate.core.io.LittleEndianArrays.writeFloats(
                    out, new float[] {0f, 1f, 2f, Float.NaN}, false));
            writer.publish(BundleTestSupport.metadata());
        }
        Bundle bundle = BundleRoot.at(root).openCurrent();
        BundleException e = assertThrows(BundleException.class, () -> bundle.readFloats("raw.f32"));
        assertEquals("bundle " + bundle.dir() + ": raw.f32 has non-finite value NaN at index 3 (row 1, col 1)",
                e.getMessage());
    }

    @Test
    void textReadRefusesInvalidUtf8() {
        try (BundleWriter writer = BundleWriter.open(root)) {
            writer.addFile("bad.txt", FileKind.TEXT, -1, -1, out -> out.write(new byte[] {'a', (byte) 0xff, '\n'}));
            writer.publish(BundleTestSupport.metadata());
        }
        Bundle bundle = BundleRoot.at(root).openCurrent();
        assertEquals("bundle " + bundle.dir() + ": bad.txt is not valid UTF-8",
                assertThrows(BundleException.class, () -> bundle.readText("bad.txt")).getMessage());
        assertEquals("bundle " + bundle.dir() + ": bad.txt is not valid UTF-8",
                assertThrows(BundleException.class, () -> bundle.readLines("bad.txt")).getMessage());
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
