package io.recgate.indexbuilder.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInteractionsReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static ReadOptions.Builder ratings(Path file) {
        return ReadOptions.builder(file).userColumn("uid").itemColumn("iid").ratingColumn("stars");
    }

    @Test
    void readsExplicitRatingsWithTimestampsAndSideFeatures() throws IOException {
        Path data = write("r.csv", "uid,iid,stars,when\n"
                + "u1,\"i,1\",4.5,978300760\n"
                + "u2,i2,3,2001-01-01T00:00:00Z\n"
                + "u1,i2,1,2001-01-01\n");
        Path users = write("users.csv", "id,country,langs\nu1,DE,de|en\nu9,FR,fr\n");
        Path items = write("items.csv", "item,name,tags,color\n"
                + "\"i,1\",\"Misérables, Les (1995)\",Drama|War,red\n"
                + "i2,\"The \"\"Best\"\" One\",,\n");
        ReadResult result = DatasetReaders.read("csv", ratings(data).timestampColumn("when").userFeatures(users)
                .itemFeatures(items).itemFeaturesIdColumn("item").itemTitleColumn("name").itemCategoriesColumn("tags")
                .build(), null);
        Dataset d = result.dataset();
        Interactions x = d.interactions();
        assertTrue(d.explicit());
        assertEquals(List.of("u1", "u2", "u9"), x.users().ids(), "u9 has features but no interaction: a cold user");
        assertEquals(List.of("i,1", "i2"), x.items().ids());
        assertArrayEquals(new int[] {0, 1, 0}, x.userColumn());
        assertArrayEquals(new int[] {0, 1, 1}, x.itemColumn());
        assertArrayEquals(new float[] {4.5f, 3f, 1f}, x.valueColumn());
        assertArrayEquals(new long[] {978300760L, 978307200L, 978307200L}, x.timestampColumn());
        assertEquals(List.of("Misérables, Les (1995)", "The \"Best\" One"), d.catalog().titles());
        assertEquals(List.of(List.of("Drama", "War"), List.of()), d.catalog().categories());
        assertEquals(List.of("tags:Drama", "tags:War", "color:red"), d.itemFeatures().of(0));
        assertEquals(List.of(), d.itemFeatures().of(1));
        assertEquals(List.of("country:DE", "langs:de", "langs:en"), d.userFeatures().of(0));
        assertEquals(List.of("country:FR", "langs:fr"), d.userFeatures().of(2));
        assertEquals(List.of(), d.userFeatures().of(1));
        assertEquals(3, result.rowsRead());
        assertEquals(0, result.skippedRows());
    }

    @Test
    void readsTsvWithoutValueColumnAsImplicitOnes() throws IOException {
        Path data = write("clicks.tsv", "user\titem\n1\t10\n2\t10\n");
        Dataset d = DatasetReaders.read("csv", ReadOptions.builder(data).build(), null).dataset();
        assertFalse(d.explicit());
        assertArrayEquals(new float[] {1f, 1f}, d.interactions().valueColumn());
        assertArrayEquals(new long[] {0, 0}, d.interactions().timestampColumn());
    }

    @Test
    void sumsImplicitDuplicatesAndKeepsLatestExplicitRating() throws IOException {
        Path clicks = write("w.csv", "user,item,w,t\na,x,1,5\nb,x,2,1\na,x,3,9\na,y,1,1\na,x,0.5,2\n");
        ReadResult implicit = DatasetReaders.read("csv",
                ReadOptions.builder(clicks).weightColumn("w").timestampColumn("t").build(), null);
        Interactions x = implicit.dataset().interactions();
        assertEquals(3, x.size());
        assertArrayEquals(new float[] {4.5f, 2f, 1f}, x.valueColumn());
        assertArrayEquals(new long[] {9, 1, 1}, x.timestampColumn());
        assertEquals(2, implicit.duplicatesMerged());
        assertEquals(5, implicit.rowsRead());

        Path rated = write("r.csv", "user,item,r,t\na,x,1,5\na,x,3,9\na,x,2,9\na,x,5,1\n");
        Interactions e = DatasetReaders.read("csv",
                ReadOptions.builder(rated).ratingColumn("r").timestampColumn("t").build(), null).dataset().interactions();
        assertEquals(1, e.size());
        assertEquals(2f, e.value(0), "latest timestamp wins, later line on a tie");
        assertEquals(9, e.timestamp(0));
    }

    @Test
    void refusesMalformedRowsWithFileLineProblemAndText() throws IOException {
        String header = "uid,iid,stars,ts\n";
        String[][] cases = {
            {"u1,i1,4\n", "expected 4 fields, found 3: \"u1,i1,4\""},
            {"u1,i1,four,1\n", "rating is not a number: \"u1,i1,four,1\""},
            {"u1,i1,NaN,1\n", "rating is not finite: \"u1,i1,NaN,1\""},
            {"u1,i1,Infinity,1\n", "rating is not finite: \"u1,i1,Infinity,1\""},
            {"u1,i1,4,yesterday\n", "timestamp is neither epoch seconds nor ISO-8601: \"u1,i1,4,yesterday\""},
            {",i1,4,1\n", "empty user id: \",i1,4,1\""},
            {"u1,\"i1,4,1\n", "unterminated quoted field: \"u1,\"i1,4,1\""},
        };
        for (String[] c : cases) {
            Path file = write("bad.csv", header + "u0,i0,1,1\n" + c[0]);
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> DatasetReaders.read("csv", ratings(file).timestampColumn("ts").build(), null));
            assertEquals(file + ":3: " + c[1], e.getMessage());
            assertEquals(3, e.line());
        }
    }

    @Test
    void refusesNegativeWeight() throws IOException {
        Path file = write("w.tsv", "user\titem\tw\na\tb\t-2\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("csv", ReadOptions.builder(file).weightColumn("w").build(), null));
        assertEquals(file + ":2: negative weight -2: \"a\\tb\\t-2\"", e.getMessage());
    }

    @Test
    void skipsAndCountsBadRowsWhenAsked() throws IOException {
        Path file = write("r.csv", "uid,iid,stars\nu1,i1,4\nu1,i2\nu2,i1,x\nu2,i2,5\n");
        ReadResult result = DatasetReaders.read("csv", ratings(file).skipBadRows(true).build(), null);
        assertEquals(2, result.skippedRows());
        assertEquals(2, result.rowsRead());
        assertEquals(file + ":3: expected 3 fields, found 2: \"u1,i2\"", result.firstSkipped());
        assertEquals(2, result.dataset().interactions().size());
    }

    @Test
    void refusesMissingColumnListingTheHeader() throws IOException {
        Path file = write("r.csv", "user,item,score\n1,2,3\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("csv", ReadOptions.builder(file).ratingColumn("rating").build(), null));
        assertEquals(file + ":1: no column 'rating' in the header (columns: user, item, score): \"user,item,score\"",
                e.getMessage());
    }

    @Test
    void refusesEmptyData() throws IOException {
        Path headerOnly = write("h.csv", "user,item\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("csv", ReadOptions.builder(headerOnly).build(), null));
        assertEquals(headerOnly + ": no interactions (the file has no data rows)", e.getMessage());
        Path empty = write("e.csv", "");
        e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("csv", ReadOptions.builder(empty).build(), null));
        assertEquals(empty + ": empty file (expected a header line)", e.getMessage());
        Path allBad = write("b.csv", "user,item\nx\n");
        e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("csv", ReadOptions.builder(allBad).skipBadRows(true).build(), null));
        assertEquals(allBad + ": no interactions (the file has no data rows)", e.getMessage());
    }

    @Test
    void refusesMissingFileAndDuplicateFeatureIds() throws IOException {
        Path missing = dir.resolve("nope.csv");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("csv", ReadOptions.builder(missing).build(), null));
        assertEquals(missing + ": file not found", e.getMessage());

        Path data = write("d.csv", "user,item\na,b\n");
        Path users = write("u.csv", "id,g\na,1\na,2\n");
        e = assertThrows(DataFormatException.class, () -> DatasetReaders.read("csv",
                ReadOptions.builder(data).userFeatures(users).build(), null));
        assertEquals(users + ":3: duplicate id 'a' (first on line 2): \"a,2\"", e.getMessage());
    }

    @Test
    void refusesUnknownFormatListingKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetReaders.read("parquet", ReadOptions.builder(dir).build(), null));
        assertEquals("unknown format 'parquet'; known formats: csv, movielens-100k, movielens-1m, movielens-latest",
                e.getMessage());
    }

    @Test
    void refusesRatingAndWeightColumnsTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadOptions.builder(dir).ratingColumn("r").weightColumn("w").build());
        assertEquals("give a rating column or a weight column, not both: rating 'r', weight 'w'", e.getMessage());
    }

    @Test
    void reportsProgressUpToTheTotalSize() throws IOException {
        StringBuilder sb = new StringBuilder("user,item\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append(i % 1000).append(',').append(i % 777).append('\n');
        }
        Path file = write("big.csv", sb.toString());
        long size = Files.size(file);
        List<long[]> reports = new ArrayList<>();
        DatasetReaders.read("csv", ReadOptions.builder(file).build(), (done, total) -> reports.add(new long[] {done, total}));
        assertTrue(reports.size() >= 2, "reports: " + reports.size());
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] >= reports.get(i - 1)[0]);
        }
        long[] last = reports.get(reports.size() - 1);
        assertEquals(size, last[0]);
        assertEquals(size, last[1]);
    }

    @Test
    void readsTestFileWithItsOwnIds() throws IOException {
        Path train = write("train.csv", "user,item\na,x\n");
        Path test = write("test.csv", "user,item\nb,y\n");
        ReadResult r = DatasetReaders.readTest("csv", ReadOptions.builder(train).testFile(test).build(), null);
        assertEquals(List.of("b"), r.dataset().interactions().users().ids());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetReaders.readTest("csv", ReadOptions.builder(train).build(), null));
        assertEquals("csv has no test data: give a test file with the same columns", e.getMessage());
        assertNull(r.firstSkipped());
    }
}
