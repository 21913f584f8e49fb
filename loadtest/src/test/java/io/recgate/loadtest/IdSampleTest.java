package io.recgate.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdSampleTest {

    @TempDir
    Path root;

    private static void writeInts(Path file, int... values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        Files.write(file, b.array());
    }

    /** Users u0..u3 with 1, 4, 0, 2 training items; items i0..i4 with popularity i3, i0, i4, i1, i2. */
    private Path bundle() throws IOException {
        Path version = Files.createDirectories(root.resolve("v000002"));
        Files.write(version.resolve("user_ids.txt"), List.of("u0", "u1", "u2", "u3"));
        Files.write(version.resolve("item_ids.txt"), List.of("i0", "i1", "i2", "i3", "i4"));
        writeInts(version.resolve("seen_offsets.i32"), 0, 1, 5, 5, 7);
        writeInts(version.resolve("popularity.i32"), 3, 0, 4, 1, 2);
        Files.writeString(root.resolve("current"), "v000002\n");
        return version;
    }

    @Test
    void wholeBundleComesBackMostActiveAndMostPopularFirst() throws IOException {
        bundle();
        IdSample s = IdSample.fromBundleDir(root, 100, 100, 1);
        assertEquals("v000002", s.bundleVersion());
        assertEquals(List.of("u1", "u3", "u0", "u2"), s.users());
        assertEquals(List.of("i3", "i0", "i4", "i1", "i2"), s.items());
    }

    @Test
    void aVersionDirectoryWorksAndSamplesAreDistinctAndSeeded() throws IOException {
        Path version = bundle();
        IdSample a = IdSample.fromBundleDir(version, 2, 3, 9);
        assertEquals(2, new HashSet<>(a.users()).size());
        assertEquals(3, new HashSet<>(a.items()).size());
        List<String> popularity = List.of("i3", "i0", "i4", "i1", "i2");
        for (int i = 1; i < a.items().size(); i++) {
            assertTrue(popularity.indexOf(a.items().get(i - 1)) < popularity.indexOf(a.items().get(i)), a.items().toString());
        }
        assertEquals(a, IdSample.fromBundleDir(version, 2, 3, 9));
    }

    @Test
    void withoutOrderFilesIdsKeepFileOrder() throws IOException {
        Path version = bundle();
        Files.delete(version.resolve("seen_offsets.i32"));
        Files.delete(version.resolve("popularity.i32"));
        IdSample s = IdSample.fromBundleDir(version, 10, 10, 3);
        assertEquals(List.of("i0", "i1", "i2", "i3", "i4"), s.items());
        assertEquals(4, new HashSet<>(s.users()).size());
    }

    @Test
    void aDirectoryThatIsNoBundleIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdSample.fromBundleDir(root, 10, 10, 1));
        assertTrue(e.getMessage().startsWith(root + " is not a bundle root or version"), e.getMessage());
    }

    @Test
    void anEmptySampleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IdSample("v1", List.of(), List.of("i1")));
        assertEquals("bundle v1 gave 0 users and 1 items; a load test needs at least one of each", e.getMessage());
    }

    @Test
    void withoutTokenOrBundleDirTheLoadSaysWhatToGive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdSample.load(LoadParams.from(new java.util.Properties())));
        assertTrue(e.getMessage().contains("-Dadmin.token") && e.getMessage().contains("-Dbundle.dir"), e.getMessage());
    }
}
