package io.recgate.indexbuilder.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Small checks shared by the MovieLens readers. */
final class MovieLensFiles {

    private MovieLensFiles() {
    }

    /** The path, if it is a directory. */
    static Path directory(Path path) {
        if (!Files.isDirectory(path)) {
            throw new DataFormatException(path, Files.exists(path)
                    ? "not a directory (MovieLens formats read a directory)" : "directory not found");
        }
        return path;
    }

    /** A non-negative int of at most 9 digits, or -1. */
    static int smallInt(String s) {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 9) {
            return -1;
        }
        for (int i = 0; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(t);
    }
}
