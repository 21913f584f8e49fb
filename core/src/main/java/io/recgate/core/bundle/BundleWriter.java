package io.recgate.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.recgate.core.io.IoConsumer;
import io.recgate.core.io.LittleEndianArrays;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes one new bundle version into a bundle root, crash-safely.
 *
 * <p>{@link #open(Path)} cleans up what dead writers left behind and creates a hidden staging
 * directory ({@code .staging-<uuid>}, locked while this writer lives). Files are added by name;
 * each is hashed (SHA-256) and counted while it is written, then fsynced. {@link #publish} writes
 * {@code manifest.json} last, fsyncs the staging directory, renames it atomically to the next
 * version name ({@code v000001}, {@code v000002}, ...: one past the highest existing), moves
 * {@code current} to it (optional), and deletes old versions beyond the retention count, never the
 * current one. A crash at any point leaves {@code current} naming a complete version: before the
 * rename nothing visible changed, after it the new version is complete; the next writer removes
 * the abandoned staging directory.
 *
 * <p>Typical use:
 * <pre>{@code
 * try (BundleWriter writer = BundleWriter.open(root)) {
 *     writer.addFloatMatrix(BundleFiles.ITEM_FACTORS, itemFactors, dims);
 *     writer.addLines(BundleFiles.ITEM_IDS, itemIds.ids());
 *     BundleVersion published = writer.publish(metadata);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one thread adds files and publishes. Publishing from several writers (threads
 * or processes) into one root is safe: they are serialized by the root lock and get distinct
 * version names. I/O failures are {@link UncheckedIOException}; bad names, shapes or values are
 * {@link IllegalArgumentException}; use after publish or close is {@link IllegalStateException}.
 */
public final class BundleWriter implements Closeable {

    /** Versions kept by default: the newest five, plus the current one if older. */
    public static final int DEFAULT_RETAIN = 5;

    private enum State { OPEN, FAILED, PUBLISHED, CLOSED }

    private final BundleRoot root;
    private final int retain;
    private final Clock clock;
    private final BundleRoot.Staging staging;
    private final Map<String, FileEntry> entries = new TreeMap<>();
    private State state = State.OPEN;
    private String publishedVersion;
    /** Test hook: called with a step name during publish, to simulate a crash there. */
    IoConsumer<String> crashHook = step -> { };

    private BundleWriter(BundleRoot root, int retain, Clock clock, BundleRoot.Staging staging) {
        this.root = root;
        this.retain = retain;
        this.clock = clock;
        this.staging = staging;
    }

    /** Opens a writer on {@code rootDir} (created if missing) keeping {@link #DEFAULT_RETAIN} versions. */
    public static BundleWriter open(Path rootDir) {
        return open(rootDir, DEFAULT_RETAIN, Clock.systemUTC());
    }

    /**
     * Opens a writer, creating the root if missing and removing staging directories of dead writers.
     *
     * @param retainVersions how many of the newest versions to keep after publish, &gt;= 1 (the current
     *                       version is always kept in addition)
     * @param clock          source of the manifest's {@code createdAt}
     * @throws IllegalArgumentException when {@code retainVersions} &lt; 1
     * @throws UncheckedIOException     when the root cannot be created or locked
     */
    public static BundleWriter open(Path rootDir, int retainVersions, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (retainVersions < 1) {
            throw new IllegalArgumentException("retainVersions " + retainVersions + " must be >= 1");
        }
        BundleRoot root = BundleRoot.at(rootDir);
        BundleRoot.Staging staging = root.withLock(() -> {
            root.removeAbandoned();
            return root.createStaging();
        });
        return new BundleWriter(root, retainVersions, clock, staging);
    }

    /** The root this writer publishes into. */
    public BundleRoot root() {
        return root;
    }

    /** The hidden staging directory files are written to before publish. */
    public Path stagingDir() {
        return staging.dir();
    }

    /** Names of the files added so far, sorted. */
    public List<String> fileNames() {
        return List.copyOf(entries.keySet());
    }

    /**
     * Adds an opaque file whose bytes {@code body} writes. The stream is buffered, hashed and
     * counted; {@code body} must not keep it after returning (closing it is allowed and harmless).
     * If {@code body} throws, the partial file is deleted and the name stays free.
     *
     * @throws IllegalArgumentException on a bad or duplicate name (see {@link BundleFiles#nameProblem})
     * @throws UncheckedIOException     when writing fails
     */
    public void addFile(String name, IoConsumer<OutputStream> body) {
        addFile(name, FileKind.BYTES, -1, -1, body);
    }

    /**
     * Adds a file of the given kind and shape, written by {@code body}. For {@link FileKind#F32} and
     * {@link FileKind#I32}, the written size must be rows × cols × 4 bytes.
     *
     * @param rows for arrays the row count; for text kinds the line count, or -1 when unknown
     * @param cols for arrays the values per row; -1 for other kinds
     * @throws IllegalArgumentException on a bad name, or when the written size does not match the shape
     */
    public void addFile(String name, FileKind kind, long rows, int cols, IoConsumer<OutputStream> body) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        requireOpen();
        String problem = BundleFiles.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("bundle file: " + problem);
        }
        if (entries.containsKey(name)) {
            throw new IllegalArgumentException("bundle file " + name + " was already added");
        }
        Path file = staging.dir().resolve(name);
        boolean done = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            HashingOutputStream hashing = new HashingOutputStream(Channels.newOutputStream(channel));
            BufferedOutputStream buffered = new BufferedOutputStream(hashing, 1 << 16);
            body.accept(new FilterOutputStream(buffered) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the writer owns the file; closing early must not lose the fsync
                }
            });
            buffered.flush();
            channel.force(true);
            entries.put(name, new FileEntry(name, kind, hashing.count, Durable.hex(hashing.digest.digest()), rows, cols));
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bundle file " + file, e);
        } finally {
            if (!done) {
                deleteQuietly(file);
            }
        }
    }

    /** Adds a copy of an existing file as an opaque file. */
    public void copyFile(String name, Path source) {
        Objects.requireNonNull(source, "source");
        addFile(name, out -> {
            try (InputStream in = Files.newInputStream(source)) {
                in.transferTo(out);
            }
        });
    }

    /**
     * Adds a file of another (verified) bundle under the same name, keeping its kind and shape, so
     * a later stage can extend an earlier stage's output without re-encoding it.
     *
     * @throws IllegalArgumentException when {@code source} has no such file
     */
    public void copyFrom(Bundle source, String name) {
        Objects.requireNonNull(source, "source");
        FileEntry entry = source.manifest().file(name);
        if (entry == null) {
            throw new IllegalArgumentException("bundle " + source.dir() + " has no file " + name);
        }
        addFile(name, entry.kind(), entry.rows(), entry.cols(), out -> {
            try (InputStream in = source.openStream(name)) {
                in.transferTo(out);
            }
        });
    }

    /**
     * Adds a little-endian float32 matrix, row-major with {@code cols} values per row.
     *
     * @throws IllegalArgumentException when the length is not a multiple of {@code cols}, or a value
     *                                  is NaN or infinite (naming its index)
     */
    public void addFloatMatrix(String name, float[] values, int cols) {
        Objects.requireNonNull(values, "values");
        long rows = rowsOf(name, values.length, cols);
        LittleEndianArrays.requireFinite(values, 0, values.length);
        addFile(name, FileKind.F32, rows, cols, out -> LittleEndianArrays.writeFloats(out, values, false));
    }

    /**
     * Adds a little-endian int32 matrix, row-major with {@code cols} values per row (1 for a vector).
     *
     * @throws IllegalArgumentException when the length is not a multiple of {@code cols}
     */
    public void addIntMatrix(String name, int[] values, int cols) {
        Objects.requireNonNull(values, "values");
        long rows = rowsOf(name, values.length, cols);
        addFile(name, FileKind.I32, rows, cols, out -> LittleEndianArrays.writeInts(out, values));
    }

    /** Adds a UTF-8 text file. */
    public void addText(String name, String text) {
        Objects.requireNonNull(text, "text");
        addFile(name, FileKind.TEXT, -1, -1, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Adds a UTF-8 text file with one line per element, each terminated by '\n'; the line count is
     * recorded in the manifest and checked by {@link Bundle#readLines}.
     *
     * @throws IllegalArgumentException when a line contains '\n' or '\r' (naming its index)
     */
    public void addLines(String name, Iterable<? extends CharSequence> lines) {
        Objects.requireNonNull(lines, "lines");
        long count = 0;
        for (CharSequence line : lines) {
            String s = line.toString();
            if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(name + ": line " + count + " contains a line break");
            }
            count++;
        }
        addFile(name, FileKind.TEXT, count, -1, out -> {
            for (CharSequence line : lines) {
                out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        });
    }

    /**
     * Adds a JSON-lines file: each value serialized by Jackson on one line.
     *
     * @throws IllegalArgumentException when a value cannot be serialized
     */
    public void addJsonLines(String name, Iterable<?> values) {
        Objects.requireNonNull(values, "values");
        long[] count = {0};
        ObjectWriter compact = ManifestCodec.JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
        addFile(name, FileKind.JSONL, -1, -1, out -> {
            for (Object value : values) {
                try {
                    out.write(compact.writeValueAsBytes(value));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(name + ": value " + count[0] + " cannot be written as JSON: "
                            + e.getOriginalMessage(), e);
                }
                out.write('\n');
                count[0]++;
            }
        });
        FileEntry written = entries.get(name);
        entries.put(name, new FileEntry(name, FileKind.JSONL, written.bytes(), written.sha256(), count[0], -1));
    }

    /** Publishes and makes the new version current; see {@link #publish(BundleMetadata, boolean)}. */
    public BundleVersion publish(BundleMetadata metadata) {
        return publish(metadata, true);
    }

    /**
     * Writes the manifest, renames the staging directory to the next version name, optionally makes
     * it current, and applies retention. After this the writer accepts no more files.
     *
     * @param makeCurrent false to publish without activating (activate later with
     *                    {@link BundleRoot#setCurrent})
     * @return the published version (its manifest as written)
     * @throws IllegalArgumentException when a well-known file's shape disagrees with the metadata
     * @throws IllegalStateException    when already published or closed
     * @throws UncheckedIOException     when a step fails; the message says whether the version was
     *                                  published
     */
    public BundleVersion publish(BundleMetadata metadata, boolean makeCurrent) {
        Objects.requireNonNull(metadata, "metadata");
        requireOpen();
        String shape = BundleFiles.shapeProblem(entries, metadata);
        if (shape != null) {
            throw new IllegalArgumentException("cannot publish: " + shape);
        }
        try {
            return root.withLock(() -> publishLocked(metadata, makeCurrent));
        } catch (UncheckedIOException e) {
            if (state == State.PUBLISHED) {
                throw new UncheckedIOException("published " + publishedVersion + " but then failed: "
                        + e.getMessage(), e.getCause());
            }
            state = State.FAILED;
            throw e;
        } catch (RuntimeException e) {
            if (state == State.OPEN) {
                state = State.FAILED;
            }
            throw e;
        }
    }

    private BundleVersion publishLocked(BundleMetadata metadata, boolean makeCurrent) throws IOException {
        String version = root.nextVersionName();
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, version,
                Instant.now(clock), metadata, entries);
        crashHook.accept("before-manifest");
        Path manifestFile = staging.dir().resolve(BundleFiles.MANIFEST);
        try (FileChannel channel = FileChannel.open(manifestFile, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ByteBuffer json = ByteBuffer.wrap(ManifestCodec.toJson(manifest));
            while (json.hasRemaining()) {
                channel.write(json);
            }
            channel.force(true);
        }
        Durable.fsyncDirectory(staging.dir());
        crashHook.accept("before-rename");
        Path versionDir = root.versionDir(version);
        // Without REPLACE_EXISTING a rename onto an existing non-empty version fails instead of merging.
        Files.move(staging.dir(), versionDir, StandardCopyOption.ATOMIC_MOVE);
        Durable.fsyncDirectory(root.dir());
        state = State.PUBLISHED;
        publishedVersion = version;
        staging.release();
        crashHook.accept("before-current");
        if (makeCurrent) {
            root.writeCurrent(version);
        }
        crashHook.accept("before-retention");
        root.applyRetention(retain);
        return new BundleVersion(version, versionDir, makeCurrent, manifest, null);
    }

    /**
     * Abandons an unpublished bundle (deletes the staging directory) and releases the staging lock.
     * Idempotent; after publish it only releases resources.
     */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasPublished = state == State.PUBLISHED;
        state = State.CLOSED;
        try {
            if (!wasPublished) {
                Durable.deleteRecursively(staging.dir());
                staging.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove staging directory " + staging.dir(), e);
        }
    }

    /** For tests: behave like a killed process (leave staging in place, let the OS drop the lock). */
    void simulateCrash() throws IOException {
        state = State.CLOSED;
        staging.lock().release();
        staging.channel().close();
    }

    private void requireOpen() {
        if (state == State.PUBLISHED) {
            throw new IllegalStateException("writer already published " + publishedVersion);
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("writer is closed");
        }
        if (state == State.FAILED) {
            throw new IllegalStateException("writer failed during publish; close it and start a new one");
        }
    }

    private static long rowsOf(String name, int length, int cols) {
        if (cols <= 0) {
            throw new IllegalArgumentException(name + ": cols " + cols + " must be > 0");
        }
        if (length % cols != 0) {
            throw new IllegalArgumentException(name + ": length " + length + " is not a multiple of cols " + cols);
        }
        return length / cols;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The staging directory is removed as a whole on close or by the next writer.
        }
    }

    /** Counts and hashes everything written through it. */
    private static final class HashingOutputStream extends FilterOutputStream {
        final MessageDigest digest = Durable.sha256();
        long count;

        HashingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }
    }
}
