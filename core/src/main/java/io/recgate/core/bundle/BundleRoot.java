package io.recgate.core.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A directory of bundle versions: one directory per published version ({@code v000001},
 * {@code v000002}, ...), a {@code current} file holding the live version's name, and hidden
 * entries (names starting with '.') that are never versions: {@code .staging-*} directories of
 * writers, {@code .deleting-*} directories being removed, and the {@code .lock} file.
 *
 * <p>{@code current} is a plain file rather than a symlink so that it works on any shared volume;
 * it is replaced atomically (write {@code current.tmp}, fsync, rename, fsync the directory), so a
 * reader sees either the old or the new name. Changes to the root (publish, set current, retention,
 * clean-up) are serialized between processes by a file lock on {@code .lock} and between threads of
 * one JVM by an in-process lock.
 *
 * <p>Instances hold only the path and are thread-safe.
 */
public final class BundleRoot {

    /** The pointer file naming the live version. */
    public static final String CURRENT = "current";

    static final String LOCK = ".lock";
    static final String STAGING_PREFIX = ".staging-";
    static final String DELETING_PREFIX = ".deleting-";
    private static final String LOCK_SUFFIX = ".lock";

    /** FileLock is per JVM, not per thread: threads of one JVM are serialized here first. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path dir;

    private BundleRoot(Path dir) {
        this.dir = dir;
    }

    /** The bundle root at {@code dir}; does no I/O (the directory may not exist yet). */
    public static BundleRoot at(Path dir) {
        return new BundleRoot(Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize());
    }

    /** The root directory. */
    public Path dir() {
        return dir;
    }

    /**
     * The directory of a version; does not check that it exists.
     *
     * @throws IllegalArgumentException when {@code version} is not a version name like {@code v000003}
     */
    public Path versionDir(String version) {
        if (VersionNames.parse(version) < 0) {
            throw new IllegalArgumentException("'" + version + "' is not a bundle version name like v000003");
        }
        return dir.resolve(version);
    }

    /**
     * The version {@code current} names, or empty when nothing has been made current yet.
     *
     * @throws BundleException when the pointer file is unreadable or does not hold a version name
     */
    public Optional<String> currentVersion() {
        String text;
        try {
            text = Files.readString(dir.resolve(CURRENT), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BundleException(dir, "cannot read " + CURRENT + ": " + e, e);
        }
        if (VersionNames.parse(text) < 0) {
            throw new BundleException(dir, CURRENT + " holds '" + abbreviate(text) + "', not a version name");
        }
        return Optional.of(text);
    }

    /**
     * All version directories, oldest first, with their parsed manifests (not checksum-verified).
     * Hidden entries and other names are skipped; an empty list when the root does not exist.
     */
    public List<BundleVersion> versions() {
        String current = currentVersionOrNull();
        List<BundleVersion> result = new ArrayList<>();
        for (String name : versionNames()) {
            Path versionDir = dir.resolve(name);
            BundleManifest manifest = null;
            String problem = null;
            try {
                manifest = Bundle.readManifest(versionDir);
            } catch (BundleException e) {
                problem = e.getMessage();
            }
            result.add(new BundleVersion(name, versionDir, name.equals(current), manifest, problem));
        }
        return result;
    }

    /**
     * Opens and verifies one version.
     *
     * @throws IllegalArgumentException when {@code version} is not a version name
     * @throws BundleException          when it is missing or fails verification
     */
    public Bundle open(String version) {
        return Bundle.open(versionDir(version));
    }

    /**
     * Opens and verifies the version {@code current} names.
     *
     * @throws BundleException when there is no current version, it is missing, or it fails verification
     */
    public Bundle openCurrent() {
        String version = currentVersion().orElseThrow(() ->
                new BundleException(dir, "no " + CURRENT + " version (nothing published yet?)"));
        Path versionDir = dir.resolve(version);
        if (!Files.isDirectory(versionDir)) {
            throw new BundleException(dir, CURRENT + " points at " + version + ", which does not exist");
        }
        return Bundle.open(versionDir);
    }

    /**
     * Verifies {@code version} and then makes it current (for rollback or activation of a version
     * published with {@code makeCurrent = false}). A version that fails verification is never made
     * current.
     *
     * @return the verified bundle
     * @throws IllegalArgumentException when {@code version} is not a version name
     * @throws BundleException          when the version is missing or fails verification
     * @throws UncheckedIOException     when the pointer cannot be written
     */
    public Bundle setCurrent(String version) {
        Path versionDir = versionDir(version);
        return withLock(() -> {
            Bundle bundle = Bundle.open(versionDir);
            writeCurrent(version);
            return bundle;
        });
    }

    /** Names of version directories, ascending by number. */
    List<String> versionNames() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (VersionNames.parse(name) >= 0 && Files.isDirectory(entry)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bundle root " + dir, e);
        }
        names.sort(Comparator.comparingInt(VersionNames::parse));
        return names;
    }

    /** The next version name: one past the highest existing version or current pointer. Call under the lock. */
    String nextVersionName() {
        int highest = 0;
        for (String name : versionNames()) {
            highest = Math.max(highest, VersionNames.parse(name));
        }
        String current = currentVersionOrNull();
        if (current != null) {
            highest = Math.max(highest, VersionNames.parse(current));
        }
        return VersionNames.format(highest + 1);
    }

    void writeCurrent(String version) {
        try {
            Durable.replaceAtomically(dir.resolve(CURRENT), (version + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + dir.resolve(CURRENT), e);
        }
    }

    /**
     * Keeps the newest {@code retain} versions and the current one; deletes the others by first
     * renaming them to a hidden name, so a half-deleted directory never looks like a version. Call
     * under the lock.
     *
     * @return the names deleted
     */
    List<String> applyRetention(int retain) throws IOException {
        List<String> names = versionNames();
        String current = currentVersionOrNull();
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < names.size() - retain; i++) {
            String name = names.get(i);
            if (name.equals(current)) {
                continue;
            }
            Path doomed = dir.resolve(DELETING_PREFIX + name + "-" + UUID.randomUUID());
            Files.move(dir.resolve(name), doomed, StandardCopyOption.ATOMIC_MOVE);
            Durable.fsyncDirectory(dir);
            Durable.deleteRecursively(doomed);
            deleted.add(name);
        }
        return deleted;
    }

    /**
     * Creates a staging directory and its lock file, locked for the life of the returned handle.
     * Call under the root lock so a concurrent clean-up never sees the lock file unlocked.
     */
    Staging createStaging() throws IOException {
        String id = UUID.randomUUID().toString();
        Path lockFile = dir.resolve(STAGING_PREFIX + id + LOCK_SUFFIX);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.lock();
            Path stagingDir = Files.createDirectory(dir.resolve(STAGING_PREFIX + id));
            return new Staging(stagingDir, lockFile, channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(lockFile);
            throw e;
        }
    }

    /**
     * Deletes what dead writers left behind: staging directories whose lock is no longer held
     * (the OS releases it when the process dies, even on kill -9) and {@code .deleting-*} remnants.
     * Call under the root lock.
     *
     * @return the hidden names removed
     */
    List<String> removeAbandoned() throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        Set<String> stagingIds = new HashSet<>();
        List<Path> deleting = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(DELETING_PREFIX)) {
                    deleting.add(entry);
                } else if (name.startsWith(STAGING_PREFIX)) {
                    String id = name.substring(STAGING_PREFIX.length());
                    stagingIds.add(id.endsWith(LOCK_SUFFIX) ? id.substring(0, id.length() - LOCK_SUFFIX.length()) : id);
                }
            }
        }
        for (Path path : deleting) {
            Durable.deleteRecursively(path);
            removed.add(path.getFileName().toString());
        }
        for (String id : stagingIds) {
            Path stagingDir = dir.resolve(STAGING_PREFIX + id);
            Path lockFile = dir.resolve(STAGING_PREFIX + id + LOCK_SUFFIX);
            if (Files.exists(lockFile)) {
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                    FileLock lock;
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException e) {
                        lock = null; // held by a live writer in this JVM
                    }
                    if (lock == null) {
                        continue;
                    }
                    Durable.deleteRecursively(stagingDir);
                    Files.deleteIfExists(lockFile);
                    lock.release();
                } catch (NoSuchFileException e) {
                    // Its writer closed between listing and locking.
                    continue;
                }
            } else {
                Durable.deleteRecursively(stagingDir);
            }
            removed.add(STAGING_PREFIX + id);
        }
        return removed;
    }

    /** Runs {@code action} holding the root lock (in-process and file lock on {@code .lock}). */
    <T> T withLock(IoSupplier<T> action) {
        IN_PROCESS.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bundle root " + dir + ": " + e.getMessage(), e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private String currentVersionOrNull() {
        try {
            return currentVersion().orElse(null);
        } catch (BundleException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
    }

    @Override
    public String toString() {
        return "BundleRoot[" + dir + "]";
    }

    /** A supplier that may throw {@link IOException}. */
    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** A writer's staging directory and the lock that marks it alive. */
    record Staging(Path dir, Path lockFile, FileChannel channel, FileLock lock) {

        /** Releases the lock and removes the lock file (the directory is handled by the caller). */
        void release() throws IOException {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                channel.close();
                Files.deleteIfExists(lockFile);
            }
        }
    }
}
