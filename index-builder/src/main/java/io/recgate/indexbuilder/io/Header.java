package io.recgate.indexbuilder.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The header line of a CSV/TSV file: column names in order, looked up by exact (trimmed) name. */
final class Header {

    private final Path file;
    private final long line;
    private final String text;
    private final List<String> names;

    private Header(Path file, long line, String text, List<String> names) {
        this.file = file;
        this.line = line;
        this.text = text;
        this.names = names;
    }

    /**
     * Reads the first record as the header.
     *
     * @throws DataFormatException when the file is empty, the header is malformed or names a column twice
     */
    static Header read(DelimitedRecordReader in) {
        if (!in.next()) {
            throw new DataFormatException(in.file(), "empty file (expected a header line)");
        }
        if (in.problem() != null) {
            throw new DataFormatException(in.file(), in.line(), "bad header: " + in.problem(), in.text());
        }
        List<String> names = new ArrayList<>(in.fieldCount());
        for (int i = 0; i < in.fieldCount(); i++) {
            String name = in.field(i).trim();
            if (names.contains(name)) {
                throw new DataFormatException(in.file(), in.line(), "column '" + name + "' appears twice in the header",
                        in.text());
            }
            names.add(name);
        }
        return new Header(in.file(), in.line(), in.text(), List.copyOf(names));
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    /** Position of a column, or -1 when {@code name} is null. */
    int optional(String name) {
        return name == null ? -1 : require(name);
    }

    /** @throws DataFormatException naming the header's columns when there is no such column */
    int require(String name) {
        int at = names.indexOf(name);
        if (at < 0) {
            throw new DataFormatException(file, line, "no column '" + name + "' in the header (columns: "
                    + String.join(", ", names) + ")", text);
        }
        return at;
    }
}
