package io.recgate.core.fm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmModelFormatTest {

    @TempDir
    Path dir;

    private static FmModel model() {
        Random random = new Random(11);
        FeatureSpace space = RandomModels.space(random, 6, 9, true, true);
        return RandomModels.model(random, space, 5);
    }

    private static byte[] bytes(FmModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }

    private static IllegalArgumentException refused(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class,
                () -> FmModel.read(new ByteArrayInputStream(bytes), "test.fm"));
    }

    /** Recomputes the trailing checksum so a test reaches the checks after it. */
    private static byte[] withValidChecksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }

    @Test
    void roundTripsThroughAFile() {
        FmModel model = model();
        Path file = dir.resolve("model.fm");
        model.write(file);
        FmModel back = FmModel.read(file);
        assertEquals(model.k(), back.k());
        assertEquals(model.w0(), back.w0());
        assertArrayEquals(model.w(), back.w());
        assertArrayEquals(model.v(), back.v());
        assertEquals(model.space().users(), back.space().users());
        assertEquals(model.space().itemVocabulary(), back.space().itemVocabulary());
        for (int u = 0; u < 6; u++) {
            assertEquals(model.space().userFeatures(u), back.space().userFeatures(u));
        }
        for (int i = 0; i < 9; i++) {
            assertEquals(model.space().itemFeatures(i), back.space().itemFeatures(i));
        }
        assertArrayEquals(bytes(model), bytes(back), "writing what was read gives the same bytes");
    }

    @Test
    void roundTripsLargeArraysAcrossBufferBoundaries() {
        Random random = new Random(2);
        FeatureSpace space = RandomModels.space(random, 300, 500, true, true);
        FmModel model = RandomModels.model(random, space, 64);
        FmModel back = FmModel.read(new ByteArrayInputStream(bytes(model)), "big");
        assertArrayEquals(model.v(), back.v());
    }

    @Test
    void refusesBadMagic() {
        byte[] b = bytes(model());
        b[0] = 'X';
        assertEquals("FM model test.fm has bad magic 0x4d464758, expected 0x4d464752 (not an FM model file)",
                refused(b).getMessage());
    }

    @Test
    void refusesUnsupportedVersion() {
        byte[] b = bytes(model());
        b[4] = 9;
        assertEquals("FM model test.fm has unsupported version 9, this reader supports 1", refused(b).getMessage());
    }

    @Test
    void refusesEveryTruncation() {
        byte[] b = bytes(model());
        for (int length = 0; length < b.length; length += Math.max(1, b.length / 97)) {
            String message = refused(Arrays.copyOf(b, length)).getMessage();
            assertTrue(message.startsWith("FM model test.fm is truncated"), length + ": " + message);
        }
        assertTrue(refused(Arrays.copyOf(b, b.length - 1)).getMessage().startsWith("FM model test.fm is truncated"));
    }

    @Test
    void refusesTrailingBytes() {
        byte[] b = Arrays.copyOf(bytes(model()), bytes(model()).length + 3);
        assertEquals("FM model test.fm has 3 unexpected bytes after the checksum", refused(b).getMessage());
    }

    @Test
    void refusesCorruptContent() {
        byte[] b = bytes(model());
        b[b.length - 20] ^= 0x10;
        assertTrue(refused(b).getMessage().startsWith("FM model test.fm is corrupt: checksum 0x"));
    }

    @Test
    void refusesNanAndInfiniteParameters() {
        FmModel model = model();
        byte[] b = bytes(model);
        int vStart = b.length - 4 - model.v().length * 4;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(vStart + 4 * 7, Float.NaN);
        assertEquals("FM model test.fm is invalid: v of feature 1 factor 2 is NaN",
                refused(withValidChecksum(b)).getMessage());
        byte[] c = bytes(model);
        int wStart = vStart - 4 - model.w().length * 4;
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putFloat(wStart + 4 * 3, Float.POSITIVE_INFINITY);
        assertEquals("FM model test.fm is invalid: w of feature 3 is Infinity",
                refused(withValidChecksum(c)).getMessage());
        byte[] d = bytes(model);
        ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putFloat(wStart - 8, Float.NEGATIVE_INFINITY);
        assertEquals("FM model test.fm is invalid: w0 is -Infinity", refused(withValidChecksum(d)).getMessage());
    }

    @Test
    void refusesInconsistentSizes() {
        FmModel model = model();
        byte[] b = bytes(model);
        // k is stored at offset 8: claim 4 factors where 5 were written.
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 4);
        int n = model.space().numFeatures();
        assertEquals("FM model test.fm is invalid: v length " + n * 5 + " != numFeatures " + n + " × k 4",
                refused(withValidChecksum(b)).getMessage());
        byte[] c = bytes(model);
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0);
        assertEquals("FM model test.fm has k 0, must be > 0", refused(c).getMessage());
    }

    @Test
    void refusesAbsurdLengths() {
        byte[] b = bytes(model());
        // The user id count follows magic, version, k and flags.
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(16, Integer.MAX_VALUE);
        assertTrue(refused(b).getMessage().startsWith(
                "FM model test.fm is truncated or corrupt: user ids claims 2147483647 entries"));
    }

    @Test
    void reportsMissingFileAsUncheckedIo() {
        Path missing = dir.resolve("missing.fm");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> FmModel.read(missing));
        assertTrue(e.getMessage().startsWith("cannot read FM model " + missing), e.getMessage());
    }

    @Test
    void writesTheSameBytesTwice() throws Exception {
        FmModel model = model();
        Path a = dir.resolve("a.fm");
        Path b = dir.resolve("b.fm");
        model.write(a);
        model.write(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
