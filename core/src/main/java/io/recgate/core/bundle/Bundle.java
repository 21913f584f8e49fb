package io.recgate.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.recgate.core.io.LittleEndianArrays;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A published bundle version whose every file has been verified: {@link #open(Path)} parses
 * {@code manifest.json}, checks the format version and the shapes of well-known files, refuses
 * unlisted files, and checks each listed file's presence, exact size and SHA-256 (streamed through a
 * 1 MiB buffer, so verification never holds a whole file in memory). Only then can files be read,
 * and only files the manifest lists.
 *
 * <p>Unlisted files are refused because a published version is never modified: an extra file means
 * the directory was tampered with or mixed with another version. Entries whose names start with
 * '.' are ignored (file-system artifacts such as NFS {@code .nfsXXXX} files) and are never readable
 * through this class.
 *
 * <p>Immutable and thread-safe. Reads re-check the file size (cheap) but not the checksum; the
 * contract that versions are never modified after publish is what makes the verification stick.
 * Every failure is a {@link BundleException} naming the bundle directory and the file.
 */
public final class Bundle {

    private static final long MAX_MANIFEST_BYTES = 16L << 20;

    private final Path dir;
    private final BundleManifest manifest;

    private Bundle(Path dir, BundleManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Opens and fully verifies the version directory {@code dir}.
     *
     * @throws BundleException when the directory is missing, not a published bundle, written in an
     *                         unsupported format, inconsistent, incomplete or corrupted
     */
    public static Bundle open(Path dir) {
        Path bundleDir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        BundleManifest manifest = readManifest(bundleDir);
        String shape = BundleFiles.shapeProblem(manifest.files(), manifest.metadata());
        if (shape != null) {
            throw new BundleException(bundleDir, BundleFiles.MANIFEST + ": " + shape);
        }
        refuseUnlisted(bundleDir, manifest);
        for (FileEntry entry : manifest.files().values()) {
            verify(bundleDir, entry);
        }
        return new Bundle(bundleDir, manifest);
    }

    /** Reads and parses the manifest without verifying files (for listings). */
    static BundleManifest readManifest(Path bundleDir) {
        if (!Files.isDirectory(bundleDir)) {
            throw new BundleException(bundleDir, Files.exists(bundleDir) ? "not a directory" : "does not exist");
        }
        Path manifestFile = bundleDir.resolve(BundleFiles.MANIFEST);
        byte[] json;
        try {
            long size = Files.size(manifestFile);
            if (size > MAX_MANIFEST_BYTES) {
                throw new BundleException(bundleDir, BundleFiles.MANIFEST + " is " + size + " bytes, more than the "
                        + MAX_MANIFEST_BYTES + " a manifest may have");
            }
            json = Files.readAllBytes(manifestFile);
        } catch (NoSuchFileException e) {
            throw new BundleException(bundleDir, "missing " + BundleFiles.MANIFEST + " (not a published bundle)");
        } catch (IOException e) {
            throw new BundleException(bundleDir, "cannot read " + BundleFiles.MANIFEST + ": " + e, e);
        }
        return ManifestCodec.parse(bundleDir, json);
    }

    private static void refuseUnlisted(Path bundleDir, BundleManifest manifest) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(bundleDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || name.equals(BundleFiles.MANIFEST)) {
                    continue;
                }
                if (!manifest.files().containsKey(name)) {
                    throw new BundleException(bundleDir, "unlisted " + (Files.isDirectory(entry) ? "directory " : "file ")
                            + name + " (not in " + BundleFiles.MANIFEST + "; a published bundle is never modified)");
                }
            }
        } catch (IOException e) {
            throw new BundleException(bundleDir, "cannot list files: " + e, e);
        }
    }

    private static void verify(Path bundleDir, FileEntry entry) {
        Path file = bundleDir.resolve(entry.name());
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new BundleException(bundleDir, "missing file " + entry.name() + " (listed in "
                    + BundleFiles.MANIFEST + ")");
        } catch (IOException e) {
            throw new BundleException(bundleDir, "cannot read " + entry.name() + ": " + e, e);
        }
        if (!attributes.isRegularFile()) {
            throw new BundleException(bundleDir, entry.name() + " is not a regular file");
        }
        long size = attributes.size();
        if (size != entry.bytes()) {
            throw new BundleException(bundleDir, entry.name() + " is " + size + " bytes, manifest says "
                    + entry.bytes() + (size < entry.bytes() ? " (truncated?)" : " (appended to?)"));
        }
        String actual;
        try {
            actual = Durable.sha256Of(file);
        } catch (IOException e) {
            throw new BundleException(bundleDir, "cannot read " + entry.name() + ": " + e, e);
        }
        if (!actual.equals(entry.sha256())) {
            throw new BundleException(bundleDir, entry.name() + " checksum mismatch (manifest "
                    + entry.sha256().substring(0, 16) + "..., file " + actual.substring(0, 16) + "...)");
        }
    }

    /** The version directory. */
    public Path dir() {
        return dir;
    }

    /** The version name (the directory name, e.g. {@code v000003}). */
    public String version() {
        return dir.getFileName().toString();
    }

    /** The parsed manifest. */
    public BundleManifest manifest() {
        return manifest;
    }

    /** Names of the files the manifest lists (not the manifest itself), sorted. */
    public Set<String> fileNames() {
        return manifest.files().keySet();
    }

    /** True when the manifest lists {@code name}. */
    public boolean hasFile(String name) {
        return manifest.files().containsKey(name);
    }

    /**
     * Opens a listed file for streaming; the caller closes the stream.
     *
     * @throws BundleException when the file is not listed or cannot be opened
     */
    public InputStream openStream(String name) {
        FileEntry entry = entry(name);
        Path file = dir.resolve(entry.name());
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new BundleException(dir, "cannot read " + name + ": " + e, e);
        }
    }

    /** Parses a stream into a model; {@code source} names it in error messages. */
    @FunctionalInterface
    public interface StreamReader<T> {
        T read(InputStream in, String source);
    }

    /**
     * A listed file parsed by {@code reader} (e.g. {@code FmModel::read}), the stream closed after.
     *
     * @throws BundleException when the file is not listed, cannot be read, or the reader refuses
     *                         its content (with the reader's message)
     */
    public <T> T read(String name, StreamReader<T> reader) {
        try (InputStream in = openStream(name)) {
            return reader.read(in, path(name).toString());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BundleException(dir, "cannot read " + name + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BundleException(dir, e.getMessage(), e);
        }
    }

    /** The path of a listed file, for readers that need one (e.g. a library's own loader). */
    public Path path(String name) {
        return dir.resolve(entry(name).name());
    }

    /** The whole content of a listed file (keep to small files). */
    public byte[] readBytes(String name) {
        FileEntry entry = entry(name);
        if (entry.bytes() > Integer.MAX_VALUE - 8) {
            throw new BundleException(dir, name + " is " + entry.bytes() + " bytes, too large to read into one array");
        }
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            checkSize(entry, bytes.length);
            return bytes;
        } catch (IOException e) {
            throw new BundleException(dir, "cannot read " + name + ": " + e, e);
        }
    }

    /**
     * Reads a float32 file (rows × cols, row-major) into a new array, refusing NaN and infinity.
     *
     * @throws BundleException when the file is not listed, not f32, too large for one array, or
     *                         holds a non-finite value (named with its row and column)
     */
    public float[] readFloats(String name) {
        FileEntry entry = typed(name, FileKind.F32);
        int count = arrayLength(entry);
        float[] values;
        try (InputStream in = openChecked(entry)) {
            values = LittleEndianArrays.readFloats(in, count, false);
        } catch (IOException e) {
            throw new BundleException(dir, "cannot read " + name + ": " + e, e);
        }
        int bad = LittleEndianArrays.firstNonFinite(values, 0, values.length);
        if (bad >= 0) {
            throw new BundleException(dir, name + " has non-finite value " + values[bad] + " at index " + bad
                    + " (row " + bad / entry.cols() + ", col " + bad % entry.cols() + ")");
        }
        return values;
    }

    /**
     * Reads an int32 file (rows × cols, row-major) into a new array.
     *
     * @throws BundleException when the file is not listed, not i32 or too large for one array
     */
    public int[] readInts(String name) {
        FileEntry entry = typed(name, FileKind.I32);
        int count = arrayLength(entry);
        try (InputStream in = openChecked(entry)) {
            return LittleEndianArrays.readInts(in, count);
        } catch (IOException e) {
            throw new BundleException(dir, "cannot read " + name + ": " + e, e);
        }
    }

    /**
     * Memory-maps a float32 file read-only, little-endian, without copying it into the heap (for
     * large item matrices). The mapping stays valid after the version directory is deleted on
     * POSIX systems.
     *
     * @throws BundleException when the file is not listed, not f32, or larger than 2 GiB
     */
    public FloatBuffer mapFloats(String name) {
        FileEntry entry = typed(name, FileKind.F32);
        if (entry.bytes() > Integer.MAX_VALUE) {
            throw new BundleException(dir, name + " is " + entry.bytes() + " bytes, more than one 2 GiB mapping");
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(name), StandardOpenOption.READ)) {
            checkSize(entry, channel.size());
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, entry.bytes())
                    .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        } catch (IOException e) {
            throw new BundleException(dir, "cannot map " + name + ": " + e, e);
        }
    }

    /**
     * Reads a UTF-8 text file whole.
     *
     * @throws BundleException when the file is not listed, not text or JSON lines, or not valid UTF-8
     */
    public String readText(String name) {
        FileEntry entry = textual(name);
        byte[] bytes = readBytes(entry.name());
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BundleException(dir, name + " is not valid UTF-8", e);
        }
    }

    /**
     * Reads a UTF-8 text or JSON-lines file as lines (split at '\n'), checking the line count the
     * manifest records when it records one.
     *
     * @throws BundleException when the file is not listed, not textual, not UTF-8, or has a
     *                         different number of lines than the manifest says
     */
    public List<String> readLines(String name) {
        FileEntry entry = textual(name);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(openChecked(entry),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (CharacterCodingException e) {
            throw new BundleException(dir, name + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new BundleException(dir, "cannot read " + name + ": " + e, e);
        }
        if (entry.rows() >= 0 && lines.size() != entry.rows()) {
            throw new BundleException(dir, name + " has " + lines.size() + " lines, manifest says " + entry.rows());
        }
        return lines;
    }

    /**
     * Reads a JSON-lines file, binding each line to {@code type} with Jackson.
     *
     * @throws BundleException as {@link #readLines}, or naming the first line (1-based) that does not bind
     */
    public <T> List<T> readJsonLines(String name, Class<T> type) {
        FileEntry entry = typed(name, FileKind.JSONL);
        List<String> lines = readLines(entry.name());
        List<T> values = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            try {
                values.add(ManifestCodec.JSON.readValue(lines.get(i), type));
            } catch (JsonProcessingException e) {
                throw new BundleException(dir, name + " line " + (i + 1) + ": " + e.getOriginalMessage());
            }
        }
        return values;
    }

    private FileEntry entry(String name) {
        FileEntry entry = manifest.files().get(name);
        if (entry == null) {
            throw new BundleException(dir, name + " is not listed in " + BundleFiles.MANIFEST);
        }
        return entry;
    }

    private FileEntry typed(String name, FileKind kind) {
        FileEntry entry = entry(name);
        if (entry.kind() != kind) {
            throw new BundleException(dir, name + " is " + entry.kind().label() + ", not " + kind.label());
        }
        return entry;
    }

    private FileEntry textual(String name) {
        FileEntry entry = entry(name);
        if (entry.kind() != FileKind.TEXT && entry.kind() != FileKind.JSONL) {
            throw new BundleException(dir, name + " is " + entry.kind().label() + ", not text or jsonl");
        }
        return entry;
    }

    private int arrayLength(FileEntry entry) {
        long count = entry.rows() * entry.cols();
        if (count > Integer.MAX_VALUE - 8) {
            throw new BundleException(dir, entry.name() + " holds " + count
                    + " values, too many for one array (use mapFloats or openStream)");
        }
        return (int) count;
    }

    private InputStream openChecked(FileEntry entry) throws IOException {
        Path file = dir.resolve(entry.name());
        checkSize(entry, Files.size(file));
        return Files.newInputStream(file);
    }

    private void checkSize(FileEntry entry, long size) {
        if (size != entry.bytes()) {
            throw new BundleException(dir, entry.name() + " is now " + size + " bytes, manifest says "
                    + entry.bytes() + " (modified after publish?)");
        }
    }

    @Override
    public String toString() {
        return "Bundle[" + dir + ", " + manifest.files().size() + " files]";
    }
}
