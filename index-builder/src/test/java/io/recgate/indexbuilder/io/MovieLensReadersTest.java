package io.recgate.indexbuilder.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensReadersTest {

    private static final String GENRES = "unknown|0\nAction|1\nAdventure|2\nAnimation|3\nChildren's|4\nComedy|5\n"
            + "Crime|6\nDocumentary|7\nDrama|8\nFantasy|9\nFilm-Noir|10\nHorror|11\nMusical|12\nMystery|13\n"
            + "Romance|14\nSci-Fi|15\nThriller|16\nWar|17\nWestern|18\n\n";

    @TempDir
    Path dir;

    private Path write(String name, String content, Charset charset) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, charset);
        return file;
    }

    private void write100k() throws IOException {
        Charset latin1 = StandardCharsets.ISO_8859_1;
        write("u.data", "1\t543\t5\t881250949\n2\t1\t3\t891717742\n1\t267\t4\t878887116\n", latin1);
        write("u1.base", "1\t543\t5\t881250949\n2\t1\t3\t891717742\n", latin1);
        write("u1.test", "1\t1\t2\t881250950\n", latin1);
        write("u.genre", GENRES, latin1);
        write("u.item", "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
                + "267|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
                + "543|Misérables, Les (1995)|01-Jan-1995||http://y|0|0|0|0|0|0|0|0|1|0|0|0|1|0|0|0|0|0|0\n"
                + "999|Not Rated (1980)|01-Jan-1980||http://z|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n", latin1);
        write("u.user", "1|24|M|technician|85711\n2|53|F|other|T8H1N\n", latin1);
    }

    @Test
    void readsMovieLens100kWithLatin1TitlesGenresAndUserTokens() throws IOException {
        write100k();
        ReadResult r = DatasetReaders.read("movielens-100k", ReadOptions.builder(dir).build(), null);
        Dataset d = r.dataset();
        Interactions x = d.interactions();
        assertTrue(d.explicit());
        assertEquals(List.of("1", "2"), x.users().ids());
        assertEquals(List.of("543", "1", "267", "999"), x.items().ids(), "999 is in u.item but unrated: a cold item");
        assertArrayEquals(new float[] {5, 3, 4}, x.valueColumn());
        assertArrayEquals(new long[] {881250949L, 891717742L, 878887116L}, x.timestampColumn());
        assertEquals(List.of("Misérables, Les (1995)", "Toy Story (1995)", "unknown", "Not Rated (1980)"),
                d.catalog().titles());
        assertEquals(List.of("Drama", "Musical"), d.catalog().categories().get(0));
        assertEquals(List.of("Animation", "Children's", "Comedy"), d.catalog().categories().get(1));
        assertEquals(List.of("genre:Drama", "genre:Musical", "year:1990s"), d.itemFeatures().of(0));
        assertEquals(List.of("genre:unknown"), d.itemFeatures().of(2), "no release date, no year token");
        assertEquals(List.of("age:18-24", "gender:M", "occupation:technician", "zip:8"), d.userFeatures().of(0));
        assertEquals(List.of("age:50-55", "gender:F", "occupation:other", "zip:T8"), d.userFeatures().of(1));
    }

    @Test
    void readsNamedSplitBaseAndTest() throws IOException {
        write100k();
        ReadOptions options = ReadOptions.builder(dir).testSplit("u1").build();
        Interactions train = DatasetReaders.read("movielens-100k", options, null).dataset().interactions();
        Interactions test = DatasetReaders.readTest("movielens-100k", options, null).dataset().interactions();
        assertEquals(2, train.size());
        assertEquals(1, test.size());
        assertEquals("1", test.items().id(test.item(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetReaders.read(
                "movielens-100k", ReadOptions.builder(dir).testSplit("u9").build(), null));
        assertEquals("unknown movielens-100k test split 'u9'; known splits: u1, u2, u3, u4, u5, ua, ub", e.getMessage());
    }

    @Test
    void refusesBadMovieLens100kRows() throws IOException {
        write100k();
        Path data = write("u.data", "1\t1\t5\t1\n1\t2\tfive\t2\n", StandardCharsets.ISO_8859_1);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("movielens-100k", ReadOptions.builder(dir).build(), null));
        assertEquals(data + ":2: rating is not a number: \"1\\t2\\tfive\\t2\"", e.getMessage());

        write("u.data", "1\t1\t5\t1\n", StandardCharsets.ISO_8859_1);
        Path items = write("u.item", "1|Toy|1995|||0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
                + "2|Two|01-Jan-1995|||0|2|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n", StandardCharsets.ISO_8859_1);
        e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("movielens-100k", ReadOptions.builder(dir).build(), null));
        assertEquals(items + ":1: release date is not dd-Mon-yyyy: \"1|Toy|1995|||0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\"",
                e.getMessage());
        ReadResult skipped = DatasetReaders.read("movielens-100k", ReadOptions.builder(dir).skipBadRows(true).build(), null);
        assertEquals(2, skipped.skippedRows());
        assertEquals(e.getMessage(), skipped.firstSkipped());
        assertEquals(List.of(""), skipped.dataset().catalog().titles());
    }

    @Test
    void refusesMissingDirectoryAndGenreFile() throws IOException {
        Path missing = dir.resolve("none");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("movielens-100k", ReadOptions.builder(missing).build(), null));
        assertEquals(missing + ": directory not found", e.getMessage());
        write("u.data", "1\t1\t5\t1\n", StandardCharsets.ISO_8859_1);
        write("u.item", "1|Toy|01-Jan-1995||\n", StandardCharsets.ISO_8859_1);
        e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("movielens-100k", ReadOptions.builder(dir).build(), null));
        assertEquals(dir.resolve("u.genre") + ": file not found (it names the genre flags of u.item)", e.getMessage());
    }

    @Test
    void readsMovieLens1mWithLatin1TitlesAndCodedUsers() throws IOException {
        Charset latin1 = StandardCharsets.ISO_8859_1;
        write("ratings.dat", "1::1193::5::978300760\n2::3::3::978300761\n1::3::4::978300762\n", latin1);
        write("movies.dat", "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n"
                + "3::Misérables, Les (1995)::Drama|Musical\n", latin1);
        write("users.dat", "1::F::1::10::48067\n2::M::56::16::70072-1234\n", latin1);
        Dataset d = DatasetReaders.read("movielens-1m", ReadOptions.builder(dir).build(), null).dataset();
        assertEquals(List.of("1193", "3"), d.interactions().items().ids());
        assertEquals("Misérables, Les (1995)", d.catalog().titles().get(1));
        assertEquals(List.of("Drama", "Musical"), d.catalog().categories().get(1));
        assertEquals(List.of("genre:Drama", "year:1970s"), d.itemFeatures().of(0));
        assertEquals(List.of("age:<18", "gender:F", "occupation:K-12 student", "zip:4"), d.userFeatures().of(0));
        assertEquals(List.of("age:56+", "gender:M", "occupation:self-employed", "zip:7"), d.userFeatures().of(1));

        Path users = write("users.dat", "1::F::1::10::48067\n2::M::57::16::70072\n", latin1);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("movielens-1m", ReadOptions.builder(dir).build(), null));
        assertEquals(users + ":2: age is not one of the codes 1, 18, 25, 35, 45, 50, 56: \"2::M::57::16::70072\"",
                e.getMessage());
    }

    @Test
    void readsMovieLensLatestWithQuotedUtf8Titles() throws IOException {
        Charset utf8 = StandardCharsets.UTF_8;
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.5,964981247\n2,2,0.5,964982224\n",
                utf8);
        write("movies.csv", "movieId,title,genres\n"
                + "1,\"Misérables, Les (1995)\",Drama|War\n"
                + "2,\"\"\"Great Performances\"\" Cats (1998)\",(no genres listed)\n"
                + "3,Babylon 5,Sci-Fi\n", utf8);
        Dataset d = DatasetReaders.read("movielens-latest", ReadOptions.builder(dir).build(), null).dataset();
        assertArrayEquals(new float[] {4f, 3.5f, 0.5f}, d.interactions().valueColumn());
        assertEquals(List.of("Misérables, Les (1995)", "\"Great Performances\" Cats (1998)", "Babylon 5"),
                d.catalog().titles(), "movie 3 is unrated: a cold item after the rated ones");
        assertEquals(List.of(List.of("Drama", "War"), List.of(), List.of("Sci-Fi")), d.catalog().categories());
        assertEquals(List.of("genre:Drama", "genre:War", "year:1990s"), d.itemFeatures().of(0));
        assertEquals(List.of("year:1990s"), d.itemFeatures().of(1));
        assertEquals(List.of(), d.userFeatures().of(0));

        Path ratings = write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,-Infinity,964982703\n", utf8);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DatasetReaders.read("movielens-latest", ReadOptions.builder(dir).build(), null));
        assertEquals(ratings + ":2: rating is not finite: \"1,1,-Infinity,964982703\"", e.getMessage());
    }
}
