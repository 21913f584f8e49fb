package io.recgate.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a published version can be broken is refused with a message naming bundle, file and problem. */
class BundleVerificationTest {

    @TempDir
    Path root;

    Path dir;
    String prefix;

    @BeforeEach
    void publish() {
        dir = BundleTestSupport.publishSmall(root, 5, true).dir();
        prefix = "bundle " + dir + ": ";
        Bundle.open(dir); // verifies before any damage
    }

    private String refusal() {
        return assertThrows(BundleException.class, () -> Bundle.open(dir)).getMessage();
    }

    @Test
    void refusesBundleWithBadChecksum() throws Exception {
        Path file = dir.resolve(BundleFiles.ITEM_FACTORS);
        String before = BundleRoundTripTest.sha256(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(5);
            int b = raf.read();
            raf.seek(5);
            raf.write(b ^ 0x01);
        }
        String after = BundleRoundTripTest.sha256(file);
        assertEquals(prefix + "item_factors.f32 checksum mismatch (manifest " + before.substring(0, 16) + "..., file "
                + after.substring(0, 16) + "...)", refusal());
    }

    @Test
    void refusesTruncatedFile() throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(BundleFiles.ITEM_FACTORS).toFile(), "rw")) {
            raf.setLength(20);
        }
        assertEquals(prefix + "item_factors.f32 is 20 bytes, manifest says 24 (truncated?)", refusal());
    }

    @Test
    void refusesAppendedFile() throws IOException {
        Files.write(dir.resolve(BundleFiles.ITEM_IDS), "i4\n".getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(prefix + "item_ids.txt is 12 bytes, manifest says 9 (appended to?)", refusal());
    }

    @Test
    void refusesMissingFile() throws IOException {
        Files.delete(dir.resolve(BundleFiles.USER_FACTORS));
        assertEquals(prefix + "missing file user_factors.f32 (listed in manifest.json)", refusal());
    }

    @Test
    void refusesUnlistedFileButIgnoresHiddenOnes() throws IOException {
        Files.writeString(dir.resolve(".nfs0000123"), "file-system artifact");
        Bundle.open(dir);
        Files.writeString(dir.resolve("stray.txt"), "added after publish");
        assertEquals(prefix + "unlisted file stray.txt (not in manifest.json; a published bundle is never modified)",
                refusal());
        Files.delete(dir.resolve("stray.txt"));
        Files.createDirectory(dir.resolve("sub"));
        assertTrue(refusal().startsWith(prefix + "unlisted directory sub "));
    }

    @Test
    void refusesMissingManifest() throws IOException {
        Files.delete(dir.resolve(BundleFiles.MANIFEST));
        assertEquals(prefix + "missing manifest.json (not a published bundle)", refusal());
    }

    @Test
    void refusesMissingDirectory() {
        Path nowhere = root.resolve("v000042").toAbsolutePath();
        assertEquals("bundle " + nowhere + ": does not exist",
                assertThrows(BundleException.class, () -> Bundle.open(nowhere)).getMessage());
    }

    @Test
    void refusesManifestThatIsNotJson() throws IOException {
        Files.writeString(dir.resolve(BundleFiles.MANIFEST), "{\"formatVersion\": 1,\n  oops");
        String message = refusal();
        assertTrue(message.startsWith(prefix + "manifest.json is not valid JSON: "), message);
        assertTrue(message.endsWith("at line 2, column 3"), message);
    }

    @Test
    void refusesUnsupportedFormatVersion() throws IOException {
        editManifest(m -> m.put("formatVersion", 2));
        assertEquals(prefix + "manifest.json has format version 2, this reader supports only 1", refusal());
    }

    @Test
    void refusesManifestWithMissingOrMistypedFields() throws IOException {
        editManifest(m -> m.remove("dims"));
        assertEquals(prefix + "manifest.json is missing field dims", refusal());
        editManifest(m -> m.put("dims", "two"));
        assertEquals(prefix + "manifest.json field dims is not an integer", refusal());
        editManifest(m -> m.put("dims", 2).put("createdAt", "yesterday"));
        assertEquals(prefix + "manifest.json field createdAt 'yesterday' is not an ISO-8601 instant", refusal());
        editManifest(m -> {
            m.put("createdAt", "2026-11-29T18:30:00Z");
            ((ObjectNode) m.get("files").get("item_ids.txt")).put("kind", "csv");
        });
        assertEquals(prefix + "manifest.json field files.item_ids.txt.kind 'csv' is not one of f32, i32, text, jsonl,"
                + " bytes", refusal());
        editManifest(m -> ((ObjectNode) m.get("files").get("item_ids.txt")).put("kind", "text").put("sha256", "xyz"));
        assertEquals(prefix + "manifest.json entry item_ids.txt: sha256 'xyz' is not 64 lowercase hex digits",
                refusal());
    }

    @Test
    void refusesManifestListingAPathOutsideTheBundle() throws IOException {
        editManifest(m -> ((ObjectNode) m.get("files")).set("../escape.bin", m.get("files").get("item_ids.txt")));
        assertEquals(prefix + "manifest.json lists file name '../escape.bin' with a path separator or control "
                + "character", refusal());
    }

    @Test
    void refusesShapeThatDisagreesWithCounts() throws IOException {
        editManifest(m -> m.put("userCount", 5));
        assertEquals(prefix + "manifest.json: user_factors.f32 is f32 2 x 2, expected f32 5 x 2 (userCount x dims)",
                refusal());
        editManifest(m -> m.put("userCount", 2).put("itemCount", 4));
        assertEquals(prefix + "manifest.json: item_factors.f32 is f32 3 x 2, expected f32 4 x 2 (itemCount x dims)",
                refusal());
    }

    @Test
    void refusesArrayEntryWhoseShapeDisagreesWithItsSize() throws IOException {
        editManifest(m -> ((ObjectNode) m.get("files").get("item_factors.f32")).put("rows", 4));
        assertEquals(prefix + "manifest.json entry item_factors.f32: 4 x 2 x 4 = 32 bytes, but the size is 24",
                refusal());
    }

    @Test
    void writerRefusesToPublishShapesThatDisagreeWithMetadata() {
        try (BundleWriter writer = BundleWriter.open(root)) {
            writer.addFloatMatrix(BundleFiles.ITEM_FACTORS, new float[6], 3);
            BundleMetadata meta = new BundleMetadata(2, "inner_product", 0, 3, Map.of(), Map.of());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.publish(meta));
            assertEquals("cannot publish: item_factors.f32 is f32 2 x 3, expected f32 3 x 2 (itemCount x dims)",
                    e.getMessage());
        }
        assertEquals(java.util.List.of("v000001"), BundleTestSupport.versionNames(root));
    }

    private void editManifest(java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path manifest = dir.resolve(BundleFiles.MANIFEST);
        ObjectNode node = (ObjectNode) json.readTree(manifest.toFile());
        edit.accept(node);
        json.writeValue(manifest.toFile(), node);
    }
}
