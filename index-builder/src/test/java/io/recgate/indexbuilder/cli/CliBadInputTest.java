package io.recgate.indexbuilder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets one clear line and a non-zero exit, and nothing is published. */
class CliBadInputTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private CliRun train(Path data, String... extra) {
        String[] base = {"train", "--format", "csv", "--data", data.toString(), "--rating-column", "rating",
                "--model", "als", "--rank", "2", "--iterations", "2", "--out", dir.resolve("models").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void malformedRowNamesFileLineAndText() throws IOException {
        Path data = write("ratings.csv", "user,item,rating\nu1,i1,4\nu2,i2,four\nu3,i1,5\n");
        CliRun run = train(data);
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: " + data + ":3: rating is not a number: \"u2,i2,four\"", run.errorLines());
        assertTrue(Files.notExists(dir.resolve("models").resolve("current")), "nothing published");
    }

    @Test
    void skipBadRowsCountsTheSkippedRowsAndGoesOn() throws IOException {
        Path data = write("ratings.csv", "user,item,rating\nu1,i1,4\nu2,i2,four\nu3,i1,5\nu1,i2,3\n");
        CliRun run = train(data, "--skip-bad-rows");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("skipped 1 bad rows"), run.err());
        assertTrue(Files.exists(dir.resolve("models").resolve("current")));
    }

    @Test
    void emptyDataIsRefused() throws IOException {
        Path data = write("ratings.csv", "user,item,rating\n");
        CliRun run = train(data);
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: " + data + ": no interactions (the file has no data rows)", run.errorLines());
    }

    @Test
    void unknownFormatListsTheKnownOnes() throws IOException {
        CliRun run = CliRun.of("train", "--format", "parquet", "--data", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: unknown format 'parquet'; known formats: csv, movielens-100k, movielens-1m, movielens-latest",
                run.errorLines());
    }

    @Test
    void unknownModelAndBadSplitAreRefused() throws IOException {
        Path data = write("ratings.csv", "user,item,rating\nu1,i1,4\n");
        CliRun run = train(data, "--model", "svd");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: unknown model 'svd'; known models: als, implicit-als, fm, ranking-fm", run.errorLines());
        run = train(data, "--split", "random:1.5");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: bad split 'random:1.5': use none, random:F or time:F with 0 < F < 1, or last:N with N >= 1",
                run.errorLines());
    }

    @Test
    void testFileWithUsersUnknownToTheDataIsRefused() throws IOException {
        Path data = write("ratings.csv", "user,item,rating\nu1,i1,4\nu2,i2,3\nu1,i2,5\n");
        Path test = write("test.csv", "user,item,rating\nu1,i1,4\nu9,i2,3\n");
        CliRun run = train(data, "--test-file", test.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: test file " + test + ": 1 of 2 test rows name a user or item unknown to the data set"
                + " (first: user 'u9' in test row 2); drop them to go on (--drop-unknown-test-rows)", run.errorLines());
        run = train(data, "--test-file", test.toString(), "--drop-unknown-test-rows", "-k", "1", "--candidates", "2");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("(1 test rows with ids unknown to the data set dropped)"), run.err());
    }

    @Test
    void unknownOptionPointsToHelp() {
        CliRun run = CliRun.of("train", "--format", "csv", "--data", "x.csv", "--colour", "red");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("Unknown options: '--colour', 'red'"), run.err());
        assertTrue(run.err().contains("Try 'recgate train --help'."), run.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"generate", "train", "evaluate", "verify"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(ExitCodes.OK, run.exitCode(), command);
            assertTrue(run.out().startsWith("Usage: recgate " + command), run.out());
        }
    }
}
