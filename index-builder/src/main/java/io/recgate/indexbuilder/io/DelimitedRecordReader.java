package io.recgate.indexbuilder.io;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads delimited records one at a time: fields split on a delimiter (one or more characters),
 * with RFC 4180 quoting when enabled (a field that starts with {@code "} ends at the next lone
 * {@code "}, {@code ""} inside it is one quote, and it may span lines). Blank lines are skipped and
 * a leading byte order mark is dropped. A quote inside an unquoted field is an error with a comma
 * or other delimiter (RFC 4180 requires such fields to be quoted) but literal text with a tab,
 * since TSV files commonly carry unescaped quotes ({@code 5'10"}). Fields are exposed through a reused array, so a record is
 * only valid until the next call to {@link #next()}. Not thread-safe; close it when done.
 */
final class DelimitedRecordReader implements AutoCloseable {

    /** A quoted field longer than this is taken as a missing closing quote rather than read on. */
    private static final int MAX_QUOTED_CHARS = 1 << 20;

    private final Path file;
    private final String delimiter;
    private final char delimiterChar;
    private final boolean quoting;
    private final BufferedReader in;
    private final StringBuilder quoted = new StringBuilder();
    private String[] fields = new String[16];
    private int fieldCount;
    private long lineNumber;
    private long recordLine;
    private String text;
    private String problem;

    DelimitedRecordReader(Path file, Charset charset, String delimiter, boolean quoting, ByteProgress progress) {
        if (delimiter.isEmpty()) {
            throw new IllegalArgumentException("empty delimiter");
        }
        this.file = file;
        this.delimiter = delimiter;
        this.delimiterChar = delimiter.charAt(0);
        this.quoting = quoting;
        try {
            InputStream raw = Files.newInputStream(file);
            this.in = new BufferedReader(new InputStreamReader(new CountingStream(raw, progress), charset), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /**
     * Advances to the next non-blank record.
     *
     * @return false at the end of the file
     */
    boolean next() {
        String line;
        do {
            line = readLine();
            if (line == null) {
                return false;
            }
            if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
        } while (line.isEmpty());
        recordLine = lineNumber;
        problem = null;
        fieldCount = 0;
        if (quoting && line.indexOf('"') >= 0) {
            parseQuoted(line);
        } else {
            text = line;
            splitPlain(line);
        }
        return true;
    }

    private void splitPlain(String line) {
        int from = 0;
        int step = delimiter.length();
        while (true) {
            int at = step == 1 ? line.indexOf(delimiterChar, from) : line.indexOf(delimiter, from);
            if (at < 0) {
                add(line.substring(from));
                return;
            }
            add(line.substring(from, at));
            from = at + step;
        }
    }

    private void parseQuoted(String firstLine) {
        String line = firstLine;
        StringBuilder raw = null;
        int pos = 0;
        while (true) {
            if (pos < line.length() && line.charAt(pos) == '"') {
                quoted.setLength(0);
                pos++;
                boolean closed = false;
                while (!closed) {
                    if (pos >= line.length()) {
                        String more = quoted.length() > MAX_QUOTED_CHARS ? null : readLine();
                        if (raw == null) {
                            raw = new StringBuilder(line);
                        }
                        if (more == null) {
                            text = raw.toString();
                            problem = "unterminated quoted field";
                            return;
                        }
                        raw.append('\n').append(more);
                        quoted.append('\n');
                        line = more;
                        pos = 0;
                        continue;
                    }
                    char c = line.charAt(pos++);
                    if (c != '"') {
                        quoted.append(c);
                    } else if (pos < line.length() && line.charAt(pos) == '"') {
                        quoted.append('"');
                        pos++;
                    } else {
                        closed = true;
                    }
                }
                add(quoted.toString());
                if (pos == line.length()) {
                    break;
                }
                if (!line.startsWith(delimiter, pos)) {
                    text = raw == null ? line : raw.toString();
                    problem = "unexpected character after closing quote";
                    return;
                }
                pos += delimiter.length();
            } else {
                int at = line.indexOf(delimiter, pos);
                String field = at < 0 ? line.substring(pos) : line.substring(pos, at);
                if (field.indexOf('"') >= 0 && !delimiter.equals("\t")) {
                    text = raw == null ? line : raw.toString();
                    problem = "quote inside an unquoted field";
                    return;
                }
                add(field);
                if (at < 0) {
                    break;
                }
                pos = at + delimiter.length();
            }
        }
        text = raw == null ? line : raw.toString();
    }

    private void add(String field) {
        if (fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, fieldCount * 2);
        }
        fields[fieldCount++] = field;
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    Path file() {
        return file;
    }

    int fieldCount() {
        return fieldCount;
    }

    String field(int i) {
        return fields[i];
    }

    /** The 1-based line on which the current record starts. */
    long line() {
        return recordLine;
    }

    /** The raw text of the current record, for error messages. */
    String text() {
        return text;
    }

    /** Why the current record could not be split, or null when it was split fine. */
    String problem() {
        return problem;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    /** Forwards the bytes the decoder pulls to the progress tracker. */
    private static final class CountingStream extends FilterInputStream {
        private final ByteProgress progress;

        CountingStream(InputStream in, ByteProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && progress != null) {
                progress.add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && progress != null) {
                progress.add(n);
            }
            return n;
        }
    }
}
