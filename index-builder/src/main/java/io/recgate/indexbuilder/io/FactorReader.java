package io.recgate.indexbuilder.io;

import io.recgate.core.ids.IdMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads factor vectors trained elsewhere (for {@code build --item-factors/--user-factors}):
 * <ul>
 *   <li>CSV/TSV rows {@code id,f1,...,fd} (UTF-8, RFC 4180 quoting, delimiter from the extension:
 *       {@code .tsv} tab, otherwise comma); a first line whose factor cells are not all numbers is
 *       taken as a header;</li>
 *   <li>NumPy {@code .npy} (versions 1.0–3.0), dtype {@code <f4} (float32 little-endian), C order,
 *       2-D {@code (rows, dims)}, with a separate ids file of one id per line (UTF-8).</li>
 * </ul>
 * Every problem is fatal (a skipped row would silently leave an entity without a vector):
 * non-finite values, rows of different lengths, duplicate or empty ids, an ids count that differs
 * from the rows, a wrong dtype or Fortran order all throw {@link DataFormatException} naming the
 * file and the line, or the row and column (0-based) in an npy file. Stateless and thread-safe.
 */
public final class FactorReader {

    private FactorReader() {
    }

    /**
     * Reads {@code file} by its extension: {@code .npy} with {@code idsFile} (required), anything
     * else as delimited text ({@code idsFile} must then be null).
     *
     * @throws IllegalArgumentException when the ids file is missing for .npy or given for text
     */
    public static FactorMatrix read(Path file, Path idsFile) {
        boolean npy = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        if (npy && idsFile == null) {
            throw new IllegalArgumentException(file + ": .npy factors need an ids file (one id per line)");
        }
        if (!npy && idsFile != null) {
            throw new IllegalArgumentException(file + ": text factor files carry their ids; ids file " + idsFile
                    + " is only for .npy");
        }
        return npy ? readNpy(file, idsFile) : readDelimited(file, null);
    }

    /**
     * Reads {@code id,f1,...,fd} rows.
     *
     * @param delimiter null to choose from the extension
     */
    public static FactorMatrix readDelimited(Path file, String delimiter) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String d = delimiter != null ? delimiter : name.endsWith(".tsv") || name.endsWith(".tab") ? "\t" : ",";
        IdMap.Builder ids = new IdMap.Builder();
        long[] lineOfRow = new long[1024];
        float[] values = new float[1 << 14];
        int dims = -1;
        int rows = 0;
        try (DelimitedRecordReader in = new DelimitedRecordReader(file, StandardCharsets.UTF_8, d, true, null)) {
            boolean first = true;
            while (in.next()) {
                if (in.problem() != null) {
                    throw new DataFormatException(file, in.line(), in.problem(), in.text());
                }
                if (first && looksLikeHeader(in)) {
                    first = false;
                    continue;
                }
                first = false;
                int n = in.fieldCount() - 1;
                if (n < 1) {
                    throw new DataFormatException(file, in.line(), "expected an id and at least one factor", in.text());
                }
                if (dims < 0) {
                    dims = n;
                } else if (n != dims) {
                    throw new DataFormatException(file, in.line(), "expected " + dims + " factors (as on line "
                            + lineOfRow[0] + "), found " + n, in.text());
                }
                String id = in.field(0).trim();
                if (id.isEmpty()) {
                    throw new DataFormatException(file, in.line(), "empty id", in.text());
                }
                int index = ids.intern(id);
                if (index != rows) {
                    throw new DataFormatException(file, in.line(), "duplicate id '" + id + "' (first on line "
                            + lineOfRow[index] + ")", in.text());
                }
                if (rows == lineOfRow.length) {
                    lineOfRow = Arrays.copyOf(lineOfRow, rows * 2);
                }
                lineOfRow[rows] = in.line();
                long need = (long) (rows + 1) * dims;
                if (need > Integer.MAX_VALUE - 16) {
                    throw new DataFormatException(file, in.line(), "too many factor values for one array", null);
                }
                if (need > values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * values.length)));
                }
                for (int c = 0; c < dims; c++) {
                    values[rows * dims + c] = factor(in, c + 1);
                }
                rows++;
            }
        }
        if (rows == 0) {
            throw new DataFormatException(file, "no factor rows");
        }
        return new FactorMatrix(ids.build(), Arrays.copyOf(values, rows * dims), dims);
    }

    private static boolean looksLikeHeader(DelimitedRecordReader in) {
        for (int c = 1; c < in.fieldCount(); c++) {
            try {
                Float.parseFloat(in.field(c).trim());
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    private static float factor(DelimitedRecordReader in, int column) {
        float v;
        try {
            v = Float.parseFloat(in.field(column).trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(in.file(), in.line(), "column " + (column + 1) + " is not a number", in.text());
        }
        if (!Float.isFinite(v)) {
            throw new DataFormatException(in.file(), in.line(), "column " + (column + 1) + " is not finite (" + v + ")",
                    in.text());
        }
        return v;
    }

    /** Reads a float32 C-order 2-D .npy matrix and its ids file. */
    public static FactorMatrix readNpy(Path npy, Path idsFile) {
        float[] values;
        int rows;
        int dims;
        try (FileChannel ch = FileChannel.open(npy, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, 1 << 16));
            while (start.hasRemaining() && ch.read(start) > 0) {
                // read() may return fewer bytes than asked; loop until the buffer is full or EOF.
            }
            start.flip();
            NpyHeader h = NpyHeader.parse(npy, start);
            if (!h.descr().equals("<f4")) {
                throw new DataFormatException(npy, "dtype '" + h.descr() + "' is not supported; expected '<f4'"
                        + " (little-endian float32)");
            }
            if (h.fortranOrder()) {
                throw new DataFormatException(npy, "Fortran (column-major) order is not supported; save a C-order"
                        + " array (numpy.ascontiguousarray)");
            }
            if (h.shape().length != 2) {
                throw new DataFormatException(npy, "expected a 2-D array (rows, dims), found shape "
                        + Arrays.toString(h.shape()));
            }
            long r = h.shape()[0];
            long d = h.shape()[1];
            if (r < 1 || d < 1 || r * d > Integer.MAX_VALUE - 16) {
                throw new DataFormatException(npy, "unsupported shape (" + r + ", " + d + ")");
            }
            long expected = r * d * Float.BYTES;
            long present = size - h.dataOffset();
            if (present != expected) {
                throw new DataFormatException(npy, "shape (" + r + ", " + d + ") needs " + expected
                        + " data bytes, file has " + present);
            }
            rows = (int) r;
            dims = (int) d;
            ByteBuffer data = ByteBuffer.allocate((int) expected).order(ByteOrder.LITTLE_ENDIAN);
            ch.position(h.dataOffset());
            while (data.hasRemaining() && ch.read(data) > 0) {
                // as above
            }
            data.flip();
            values = new float[rows * dims];
            data.asFloatBuffer().get(values);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(npy, "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + npy, e);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new DataFormatException(npy, "non-finite value " + values[i] + " at row " + (i / dims)
                        + ", column " + (i % dims) + " (0-based)");
            }
        }
        return new FactorMatrix(readIds(idsFile, rows, npy), values, dims);
    }

    private static IdMap readIds(Path file, int rows, Path npy) {
        IdMap.Builder ids = new IdMap.Builder();
        long[] lineOf = new long[rows];
        int n = 0;
        try (DelimitedRecordReader in = new DelimitedRecordReader(file, StandardCharsets.UTF_8, "\n", false, null)) {
            while (in.next()) {
                String id = in.field(0).trim();
                if (id.isEmpty()) {
                    throw new DataFormatException(file, in.line(), "empty id", in.text());
                }
                int index = ids.intern(id);
                if (index != n) {
                    throw new DataFormatException(file, in.line(), "duplicate id '" + id + "' (first on line "
                            + lineOf[index] + ")", in.text());
                }
                if (n < rows) {
                    lineOf[n] = in.line();
                }
                n++;
            }
        }
        if (n != rows) {
            throw new DataFormatException(file, "ids file has " + n + " ids but " + npy.getFileName() + " has "
                    + rows + " rows");
        }
        return ids.build();
    }

    /**
     * Checks that item and user factors can be multiplied.
     *
     * @throws IllegalArgumentException naming both dims when they differ
     */
    public static void requireSameDims(FactorMatrix items, FactorMatrix users) {
        if (items.dims() != users.dims()) {
            throw new IllegalArgumentException("item factors have " + items.dims() + " dims but user factors have "
                    + users.dims());
        }
    }
}
