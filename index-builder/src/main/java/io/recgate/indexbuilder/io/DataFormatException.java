package io.recgate.indexbuilder.io;

import java.nio.file.Path;

/**
 * Bad input data: names the file, the 1-based line (0 when the problem is not on one line) and
 * the problem, with the offending text. {@link #getMessage()} is the one line the CLI prints.
 */
public final class DataFormatException extends RuntimeException {

    private static final int MAX_SHOWN = 120;

    private final Path file;
    private final long line;

    public DataFormatException(Path file, long line, String problem, String offendingText) {
        super(format(file, line, problem, offendingText), null, false, false);
        this.file = file;
        this.line = line;
    }

    public DataFormatException(Path file, String problem) {
        this(file, 0, problem, null);
    }

    private static String format(Path file, long line, String problem, String text) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ").append(problem);
        if (text != null) {
            String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
            sb.append(": \"").append(shown.replace("\t", "\\t")).append('"');
        }
        return sb.toString();
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
