package io.recgate.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LittleEndianArraysTest {

    @TempDir
    Path tmp;

    @Test
    void writesFloatsLittleEndian() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LittleEndianArrays.writeFloats(out, new float[] {1.5f, -2f}, true);
        ByteBuffer expected = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
        assertArrayEquals(expected.array(), out.toByteArray());
        assertEquals(0x00, out.toByteArray()[0]);
        assertEquals((byte) 0x3f, out.toByteArray()[3]); // 1.5f = 0x3FC00000, high byte last
    }

    @Test
    void roundTripsFloatsAndIntsLargerThanOneChunk() throws IOException {
        Random random = new Random(7);
        for (int n : new int[] {0, 1, 16383, 16384, 16385, 100_003}) {
            float[] floats = new float[n];
            int[] ints = new int[n];
            for (int i = 0; i < n; i++) {
                floats[i] = (float) random.nextGaussian();
                ints[i] = random.nextInt();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LittleEndianArrays.writeFloats(out, floats, true);
            LittleEndianArrays.writeInts(out, ints);
            ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
            assertArrayEquals(floats, LittleEndianArrays.readFloats(in, n, true), "n=" + n);
            assertArrayEquals(ints, LittleEndianArrays.readInts(in, n), "n=" + n);
            assertEquals(-1, in.read());
        }
    }

    @Test
    void writesASubrange() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LittleEndianArrays.writeFloats(out, new float[] {9f, 1f, 2f, 9f}, 1, 2, true);
        assertArrayEquals(new float[] {1f, 2f},
                LittleEndianArrays.readFloats(new ByteArrayInputStream(out.toByteArray()), 2, true));
    }

    @Test
    void refusesNanOnWriteNamingItsIndex() {
        float[] values = {1f, 2f, Float.NaN, Float.POSITIVE_INFINITY};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LittleEndianArrays.writeFloats(new ByteArrayOutputStream(), values, true));
        assertEquals("non-finite value NaN at index 2", e.getMessage());
    }

    @Test
    void acceptsNanWhenNotAskedToCheck() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LittleEndianArrays.writeFloats(out, new float[] {Float.NaN}, false);
        assertEquals(4, out.size());
    }

    @Test
    void refusesInfinityOnReadNamingItsIndex() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LittleEndianArrays.writeFloats(out, new float[] {0f, Float.NEGATIVE_INFINITY}, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LittleEndianArrays.readFloats(new ByteArrayInputStream(out.toByteArray()), 2, true));
        assertEquals("non-finite value -Infinity at index 1", e.getMessage());
    }

    @Test
    void shortStreamSaysHowManyValuesArrived() {
        byte[] tenBytes = new byte[10];
        EOFException e = assertThrows(EOFException.class,
                () -> LittleEndianArrays.readFloats(new ByteArrayInputStream(tenBytes), 4, false));
        assertEquals("stream ended after 2 of 4 values", e.getMessage());
    }

    @Test
    void badRangeIsRefusedWithValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LittleEndianArrays.writeInts(new ByteArrayOutputStream(), new int[3], 2, 2));
        assertEquals("range offset 2 length 2 is outside an array of length 3", e.getMessage());
    }

    @Test
    void fileReaderChecksSize() throws IOException {
        Path file = tmp.resolve("x.f32");
        Files.write(file, new byte[10]);
        IllegalArgumentException notMultiple = assertThrows(IllegalArgumentException.class,
                () -> LittleEndianArrays.readFloats(file, -1, false));
        assertEquals(file + ": size 10 bytes is not a multiple of 4", notMultiple.getMessage());
        Files.write(file, new byte[12]);
        IllegalArgumentException wrongCount = assertThrows(IllegalArgumentException.class,
                () -> LittleEndianArrays.readInts(file, 4));
        assertEquals(file + ": 12 bytes holds 3 values, expected 4 (16 bytes)", wrongCount.getMessage());
        assertArrayEquals(new int[3], LittleEndianArrays.readInts(file, 3));
        assertArrayEquals(new float[3], LittleEndianArrays.readFloats(file, -1, true));
    }
}
