package io.recgate.core.ann.hnsw;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.ann.AnnIndex;
import io.recgate.core.ann.AnnIndexFiles;
import io.recgate.core.ann.BuildProgress;
import io.recgate.core.ann.HnswParams;
import io.recgate.core.ann.HnswlibIndex;
import io.recgate.core.ann.TasteData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeIndexFileTest {

    private static final int DIMS = 16;
    private static final int ITEMS = 3000;

    private static float[] items;
    private static float[] users;
    private static NativeHnswIndex index;
    private static byte[] saved;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildOnce() throws InterruptedException {
        TasteData data = new TasteData(DIMS, 6, 11);
        items = data.items(ITEMS);
        users = data.users(100);
        index = NativeHnswIndex.build(items, DIMS, new HnswParams(8, 60, 30), 5L, 2, BuildProgress.none());
        index.delete(17);
        index.delete(2999);
        saved = NativeHnswIndexTest.bytes(index);
    }

    private static void assertSameResults(AnnIndex expected, AnnIndex actual) {
        IntPredicate odd = item -> item % 2 == 1;
        for (int q = 0; q < 100; q++) {
            float[] query = TasteData.row(users, q, DIMS);
            assertEquals(expected.search(query, 10, 30, null), actual.search(query, 10, 30, null));
            assertEquals(expected.search(query, 10, 30, odd), actual.search(query, 10, 30, odd));
        }
    }

    @Test
    void saveThenLoadOnTheHeapGivesIdenticalResults() throws IOException {
        NativeHnswIndex loaded = NativeHnswIndex.load(new ByteArrayInputStream(saved), items, DIMS);
        assertSameResults(index, loaded);
        assertFalse(loaded.isMapped());
        assertTrue(loaded.isDeleted(17) && loaded.isDeleted(2999) && !loaded.isDeleted(18));
        assertEquals(index.params(), loaded.params());
        assertEquals(index.seed(), loaded.seed());
        assertEquals(index.partitionCount(), loaded.partitionCount());
    }

    @Test
    void saveThenMemoryMappedLoadGivesIdenticalResultsAndSavesTheSameBytes() throws IOException {
        Path file = dir.resolve("index.bin");
        Files.write(file, saved);
        NativeHnswIndex mapped = NativeHnswIndex.load(file, items, DIMS, true);
        assertTrue(mapped.isMapped());
        assertSameResults(index, mapped);
        assertEquals(Arrays.toString(saved), Arrays.toString(NativeHnswIndexTest.bytes(mapped)));
        NativeHnswIndex heap = NativeHnswIndex.load(file, items, DIMS, false);
        assertFalse(heap.isMapped());
        assertSameResults(index, heap);
    }

    @Test
    void aMappedIndexAcceptsAddsByCopyingItsLinksToTheHeap() throws IOException {
        Path file = dir.resolve("index.bin");
        Files.write(file, saved);
        NativeHnswIndex mapped = NativeHnswIndex.load(file, items.clone(), DIMS, true);
        float[] extra = TasteData.row(users, 0, DIMS);
        for (int d = 0; d < DIMS; d++) {
            extra[d] *= 50;
        }
        int row = mapped.add(extra);
        assertEquals(ITEMS, row);
        assertFalse(mapped.isMapped());
        assertEquals(row, mapped.search(TasteData.row(users, 0, DIMS), 1, 30, null).items()[0]);
        NativeHnswIndex reloaded = NativeHnswIndex.load(new ByteArrayInputStream(NativeHnswIndexTest.bytes(mapped)),
                mapped.vectors(), DIMS);
        assertSameResults(mapped, reloaded);
    }

    @Test
    void refusesAFileWithACorruptByte() {
        byte[] corrupt = saved.clone();
        corrupt[corrupt.length / 2] ^= 0x10;
        InvalidIndexException e = assertThrows(InvalidIndexException.class,
                () -> NativeHnswIndex.load(new ByteArrayInputStream(corrupt), items, DIMS));
        assertTrue(e.getMessage().contains("body checksum CRC32C"), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt file"), e.getMessage());
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        byte[] truncated = Arrays.copyOf(saved, saved.length - 100);
        InvalidIndexException e = assertThrows(InvalidIndexException.class,
                () -> NativeHnswIndex.load(new ByteArrayInputStream(truncated), items, DIMS));
        assertEquals("invalid native HNSW index stream at byte 8: truncated: header says a body of "
                + (saved.length - 20) + " bytes, the file has " + (saved.length - 120)
                + " between header and checksum", e.getMessage());
        Path file = dir.resolve("short.bin");
        Files.write(file, Arrays.copyOf(saved, 10));
        e = assertThrows(InvalidIndexException.class, () -> NativeHnswIndex.load(file, items, DIMS, true));
        assertEquals("invalid native HNSW index " + file + " at byte 0: truncated: 10 bytes, the header alone needs 20",
                e.getMessage());
    }

    @Test
    void refusesAWrongMagicAndAWrongVersion() {
        byte[] magic = saved.clone();
        magic[0] = 'X';
        InvalidIndexException e = assertThrows(InvalidIndexException.class,
                () -> NativeHnswIndex.load(new ByteArrayInputStream(magic), items, DIMS));
        assertEquals("invalid native HNSW index stream at byte 0: bad magic 58 47 4e 48, expected \"RGNH\" "
                + "(52 47 4e 48)", e.getMessage());
        byte[] version = saved.clone();
        ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 9);
        e = assertThrows(InvalidIndexException.class,
                () -> NativeHnswIndex.load(new ByteArrayInputStream(version), items, DIMS));
        assertEquals("invalid native HNSW index stream at byte 4: format version 9 is not supported (expected 2): "
                + "rebuild the index with this version of recgate",
                e.getMessage());
    }

    @Test
    void refusesOtherItemVectorsOrAnotherShape() {
        float[] other = items.clone();
        other[5] += 0.01f;
        InvalidIndexException e = assertThrows(InvalidIndexException.class,
                () -> NativeHnswIndex.load(new ByteArrayInputStream(saved), other, DIMS));
        assertEquals("invalid native HNSW index stream at byte 76: the index was built over other item vectors: "
                + "row 0 dim 5 is " + items[5] + " in the index, " + other[5] + " in the given matrix", e.getMessage());
        // A last-bit difference, as a derived matrix recomputed by another JIT tier has, is accepted.
        float[] rounded = items.clone();
        rounded[5] = Math.nextUp(rounded[5]);
        assertEquals(ITEMS, assertDoesNotThrow(
                () -> NativeHnswIndex.load(new ByteArrayInputStream(saved), rounded, DIMS)).size());
        e = assertThrows(InvalidIndexException.class,
                () -> NativeHnswIndex.load(new ByteArrayInputStream(saved), Arrays.copyOf(items, 10 * DIMS), DIMS));
        assertEquals("invalid native HNSW index stream at byte 16: index has 3000 items of 16 dims, the item matrix "
                + "10 of 16", e.getMessage());
    }

    @Test
    void refusesALinkOutsideTheGraphEvenWithAValidChecksum() {
        // Rewrite one level-0 link of the first partition to an impossible id and fix the CRC:
        // the structural checks, not only the checksum, must catch it.
        byte[] bad = saved.clone();
        ByteBuffer b = ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN);
        int partitionAt = 16 + 40 + 16 * DIMS * 4;
        int nodes = b.getInt(partitionAt);
        int level0 = partitionAt + 32 + 8 * DIMS + 8 * nodes + ((nodes + 3) & ~3);
        b.putInt(level0 + 4, 1_000_000);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bad, 16, bad.length - 20);
        b.putInt(bad.length - 4, (int) crc.getValue());
        InvalidIndexException e = assertThrows(InvalidIndexException.class,
                () -> NativeHnswIndex.load(new ByteArrayInputStream(bad), items, DIMS));
        assertEquals("invalid native HNSW index stream at byte " + (level0 + 4) + ": partition 0 node 0: level-0 link "
                + "1000000 outside [0, " + nodes + ")", e.getMessage());
    }

    @Test
    void refusesAQuantizerWithAZeroStepEvenWithAValidChecksum() {
        byte[] bad = saved.clone();
        ByteBuffer b = ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN);
        int stepsAt = 16 + 40 + 16 * DIMS * 4 + 32 + 4 * DIMS;
        b.putFloat(stepsAt + 4 * 3, 0f);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bad, 16, bad.length - 20);
        b.putInt(bad.length - 4, (int) crc.getValue());
        InvalidIndexException e = assertThrows(InvalidIndexException.class,
                () -> NativeHnswIndex.load(new ByteArrayInputStream(bad), items, DIMS));
        assertTrue(e.getMessage().startsWith("invalid native HNSW index stream at byte " + (stepsAt - 4 * DIMS)
                + ": partition 0: bad quantizer: dimension 3: offset "), e.getMessage());
        assertTrue(e.getMessage().endsWith("and step 0.0 must be finite, step > 0"), e.getMessage());
    }

    @Test
    void annIndexFilesRecognisesBothKindsByMagic() throws IOException, InterruptedException {
        AnnIndex fromStream = AnnIndexFiles.read(new ByteArrayInputStream(saved), items, DIMS);
        assertEquals("native", fromStream.kind());
        Path file = dir.resolve("native.bin");
        Files.write(file, saved);
        AnnIndex fromFile = AnnIndexFiles.read(file, items, DIMS, true);
        assertInstanceOf(NativeHnswIndex.class, fromFile);
        assertSameResults(index, fromFile);

        HnswlibIndex hnswlib = HnswlibIndex.build(items, DIMS, new HnswParams(8, 60, 30), 1, BuildProgress.none());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hnswlib.save(out);
        assertEquals("hnswlib", AnnIndexFiles.read(new ByteArrayInputStream(out.toByteArray()), items, DIMS).kind());
        Path hnswFile = dir.resolve("hnswlib.bin");
        Files.write(hnswFile, out.toByteArray());
        assertEquals("hnswlib", AnnIndexFiles.read(hnswFile, items, DIMS, true).kind());
        StreamCorruptedException shape = assertThrows(StreamCorruptedException.class,
                () -> AnnIndexFiles.read(new ByteArrayInputStream(out.toByteArray()), new float[8 * DIMS], DIMS));
        assertEquals("hnswlib index has 3000 items of 16 dims, the item matrix 8 of 16", shape.getMessage());

        StreamCorruptedException e = assertThrows(StreamCorruptedException.class,
                () -> AnnIndexFiles.read(new ByteArrayInputStream(new byte[] {'P', 'K', 3, 4, 5}), items, DIMS));
        assertEquals("not an index file (stream): first bytes 50 4b 03 04, expected \"RGNH\" (native) or \"RGHW\" "
                + "(hnswlib)", e.getMessage());
        e = assertThrows(StreamCorruptedException.class,
                () -> AnnIndexFiles.read(new ByteArrayInputStream(new byte[] {'R'}), items, DIMS));
        assertTrue(e.getMessage().endsWith("file has only 1 bytes"), e.getMessage());
    }
}
