package io.recgate.indexbuilder.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): magic string,
 * version, header length (2 bytes little-endian in 1.0, 4 bytes after), then a Python dict literal
 * with {@code descr}, {@code fortran_order} and {@code shape}.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape, long dataOffset) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    /**
     * Parses the header from the start of the file.
     *
     * @param start at least the first 12 bytes, and the whole header if the file has it
     * @throws DataFormatException when the bytes are not a well-formed npy header
     */
    static NpyHeader parse(Path file, ByteBuffer start) {
        ByteBuffer b = start.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 10) {
            throw new DataFormatException(file, "not a .npy file (too short)");
        }
        for (byte m : MAGIC) {
            if (b.get() != m) {
                throw new DataFormatException(file, "not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = b.get() & 0xff;
        int minor = b.get() & 0xff;
        long headerLength;
        if (major == 1) {
            headerLength = b.getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            if (b.remaining() < 4) {
                throw new DataFormatException(file, "not a .npy file (too short)");
            }
            headerLength = b.getInt() & 0xffffffffL;
        } else {
            throw new DataFormatException(file, "unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        if (headerLength > b.remaining()) {
            throw new DataFormatException(file, "truncated .npy header: " + headerLength + " bytes announced, "
                    + b.remaining() + " present");
        }
        byte[] text = new byte[(int) headerLength];
        b.get(text);
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();
        Matcher descr = DESCR.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!dict.startsWith("{") || !descr.find() || !fortran.find() || !shape.find()) {
            throw new DataFormatException(file, 0, "malformed .npy header (needs descr, fortran_order, shape)", dict);
        }
        return new NpyHeader(descr.group(1), fortran.group(1).equals("True"), parseShape(file, shape.group(1), dict),
                b.position());
    }

    private static long[] parseShape(Path file, String inside, String dict) {
        String[] parts = inside.split(",");
        int n = 0;
        long[] dims = new long[parts.length];
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                dims[n++] = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, 0, "malformed .npy shape", dict);
            }
        }
        return java.util.Arrays.copyOf(dims, n);
    }
}
