package io.recgate.indexbuilder.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactorReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Writes an .npy file as numpy.save does: magic, version, padded header dict ending in '\n', data. */
    private Path npy(String name, int major, String descr, boolean fortran, String shape, float[] data, ByteOrder order)
            throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded + data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.order(order);
        for (float f : data) {
            b.putFloat(f);
        }
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    @Test
    void readsCsvFactorsWithAndWithoutHeader() throws IOException {
        Path withHeader = write("f.csv", "id,f1,f2\nb,1,2\n\"a,1\",-0.5,3e-2\n");
        FactorMatrix m = FactorReader.read(withHeader, null);
        assertEquals(List.of("b", "a,1"), m.ids().ids());
        assertEquals(2, m.dims());
        assertArrayEquals(new float[] {1, 2, -0.5f, 0.03f}, m.values());
        Path noHeader = write("f.tsv", "7\t0.25\n8\t0.5\n");
        FactorMatrix t = FactorReader.read(noHeader, null);
        assertEquals(1, t.dims());
        assertArrayEquals(new float[] {0.25f, 0.5f}, t.values());
    }

    @Test
    void refusesBadCsvFactors() throws IOException {
        Path nan = write("nan.csv", "a,1,2\nb,3,NaN\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> FactorReader.read(nan, null));
        assertEquals(nan + ":2: column 3 is not finite (NaN): \"b,3,NaN\"", e.getMessage());
        Path inf = write("inf.csv", "a,Infinity,2\n");
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(inf, null));
        assertEquals(inf + ":1: column 2 is not finite (Infinity): \"a,Infinity,2\"", e.getMessage());
        Path dims = write("dims.csv", "id,x,y\na,1,2\nb,3\n");
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(dims, null));
        assertEquals(dims + ":3: expected 2 factors (as on line 2), found 1: \"b,3\"", e.getMessage());
        Path dup = write("dup.csv", "a,1\nb,2\na,3\n");
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(dup, null));
        assertEquals(dup + ":3: duplicate id 'a' (first on line 1): \"a,3\"", e.getMessage());
        Path word = write("word.csv", "a,1\nb,x\n");
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(word, null));
        assertEquals(word + ":2: column 2 is not a number: \"b,x\"", e.getMessage());
        Path empty = write("empty.csv", "id,f1\n");
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(empty, null));
        assertEquals(empty + ": no factor rows", e.getMessage());
    }

    @Test
    void readsNpyVersion1And2WithIds() throws IOException {
        float[] data = {1, 2, 3, 4, 5, 6};
        Path ids = write("ids.txt", "x\ny\n\n");
        for (int major : new int[] {1, 2}) {
            Path file = npy("f" + major + ".npy", major, "<f4", false, "(2, 3)", data, ByteOrder.LITTLE_ENDIAN);
            FactorMatrix m = FactorReader.read(file, ids);
            assertEquals(List.of("x", "y"), m.ids().ids());
            assertEquals(3, m.dims());
            assertArrayEquals(data, m.values());
        }
    }

    @Test
    void refusesBadNpy() throws IOException {
        Path ids = write("ids.txt", "x\ny\n");
        Path f8 = npy("f8.npy", 1, "<f8", false, "(2, 1)", new float[] {1, 2, 3, 4}, ByteOrder.LITTLE_ENDIAN);
        DataFormatException e = assertThrows(DataFormatException.class, () -> FactorReader.read(f8, ids));
        assertEquals(f8 + ": dtype '<f8' is not supported; expected '<f4' (little-endian float32)", e.getMessage());
        Path big = npy("be.npy", 1, ">f4", false, "(2, 1)", new float[] {1, 2}, ByteOrder.BIG_ENDIAN);
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(big, ids));
        assertEquals(big + ": dtype '>f4' is not supported; expected '<f4' (little-endian float32)", e.getMessage());
        Path fortran = npy("fo.npy", 1, "<f4", true, "(2, 1)", new float[] {1, 2}, ByteOrder.LITTLE_ENDIAN);
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(fortran, ids));
        assertEquals(fortran + ": Fortran (column-major) order is not supported; save a C-order array"
                + " (numpy.ascontiguousarray)", e.getMessage());
        Path oneD = npy("1d.npy", 1, "<f4", false, "(2,)", new float[] {1, 2}, ByteOrder.LITTLE_ENDIAN);
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(oneD, ids));
        assertEquals(oneD + ": expected a 2-D array (rows, dims), found shape [2]", e.getMessage());
        Path nan = npy("nan.npy", 1, "<f4", false, "(2, 2)", new float[] {1, 2, 3, Float.NaN}, ByteOrder.LITTLE_ENDIAN);
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(nan, ids));
        assertEquals(nan + ": non-finite value NaN at row 1, column 1 (0-based)", e.getMessage());
        Path shortData = npy("short.npy", 1, "<f4", false, "(2, 2)", new float[] {1, 2, 3}, ByteOrder.LITTLE_ENDIAN);
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(shortData, ids));
        assertEquals(shortData + ": shape (2, 2) needs 16 data bytes, file has 12", e.getMessage());
        Path three = npy("three.npy", 1, "<f4", false, "(3, 1)", new float[] {1, 2, 3}, ByteOrder.LITTLE_ENDIAN);
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(three, ids));
        assertEquals(ids + ": ids file has 2 ids but three.npy has 3 rows", e.getMessage());
        Path dupIds = write("dup.txt", "x\nx\n");
        Path two = npy("two.npy", 1, "<f4", false, "(2, 1)", new float[] {1, 2}, ByteOrder.LITTLE_ENDIAN);
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(two, dupIds));
        assertEquals(dupIds + ":2: duplicate id 'x' (first on line 1): \"x\"", e.getMessage());
        Path notNpy = write("text.npy", "hello world, not numpy");
        e = assertThrows(DataFormatException.class, () -> FactorReader.read(notNpy, ids));
        assertEquals(notNpy + ": not a .npy file (no \\x93NUMPY magic)", e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> FactorReader.read(two, null));
        assertEquals(two + ": .npy factors need an ids file (one id per line)", a.getMessage());
    }

    @Test
    void refusesItemAndUserFactorsOfDifferentDims() throws IOException {
        FactorMatrix items = FactorReader.read(write("i.csv", "a,1,2\n"), null);
        FactorMatrix users = FactorReader.read(write("u.csv", "a,1,2,3\n"), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FactorReader.requireSameDims(items, users));
        assertEquals("item factors have 2 dims but user factors have 3", e.getMessage());
    }
}
