package io.recgate.indexbuilder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a new user meets in the first hour (issue 22): the command list, a mistyped command, training
 * on generate's output with no column options, splits that leave unscorable test rows, and the
 * options each command lists.
 */
class CliFirstHourTest {

    private static final String COMMANDS = "Commands: generate, train, evaluate, build, rebuild, verify, export-events;"
            + " through ./recgate also demo, serve.";

    @TempDir
    static Path dir;

    private static Path generated;

    @BeforeAll
    static void generate() {
        generated = dir.resolve("generated");
        CliRun run = CliRun.of("generate", "--out", generated.toString(), "--users", "200", "--items", "150",
                "--interactions", "5000", "--seed", "3");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    }

    private static Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void commandListShowsEachCommandsWholeFirstSentence() {
        CliRun run = CliRun.of("--help");
        assertEquals(ExitCodes.OK, run.exitCode());
        Map<String, CommandLine> commands = new CommandLine(new RecgateCommand()).getSubcommands();
        assertEquals(7, commands.size(), commands.keySet().toString());
        for (Map.Entry<String, CommandLine> c : commands.entrySet()) {
            String first = c.getValue().getCommandSpec().usageMessage().description()[0];
            assertTrue(first.endsWith(".") && first.length() <= 90,
                    c.getKey() + ": the list shows only the first description line, so it must be one short sentence: "
                            + first);
            assertTrue(oneLine(run.out()).contains(c.getKey() + " " + first), c.getKey() + " in\n" + run.out());
        }
    }

    @Test
    void unknownCommandSuggestsTheClosestAndListsTheCommands() {
        CliRun run = CliRun.of("trian", "--data", "x");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: unknown command 'trian'; did you mean 'train'? " + COMMANDS, run.errorLines());
        assertEquals("recgate: unknown command 'evalute'; did you mean 'evaluate'? " + COMMANDS,
                CliRun.of("evalute").errorLines());
        assertEquals("recgate: unknown command 'serv'; did you mean 'serve'? " + COMMANDS, CliRun.of("serv").errorLines());
        assertEquals("recgate: unknown command 'export'; did you mean 'export-events'? " + COMMANDS,
                CliRun.of("export").errorLines());
        run = CliRun.of("frobnicate");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: unknown command 'frobnicate'. " + COMMANDS, run.errorLines());
        run = CliRun.of("serve");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: 'serve' is run by the ./recgate launcher, not by this jar: ./recgate serve. " + COMMANDS,
                run.errorLines());
        run = CliRun.of("--colour");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.errorLines().startsWith("recgate: Unknown option: '--colour'"), run.err());
    }

    @Test
    void trainsOnGeneratesOutputWithoutColumnOptions() throws IOException {
        CliRun run = CliRun.of("train", "--format", "csv", "--data", generated.resolve("interactions.csv").toString(),
                "--split", "last:1", "--model", "als", "--rank", "4", "--iterations", "3", "--no-publish", "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        // The rating column was found and read as ratings: the explicit model has an RMSE.
        assertTrue(run.err().contains("interactions (ratings) of 200 users"), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertTrue(report.path("models").path("als").path("rmse").isNumber(), run.out());
    }

    @Test
    void columnDefaultsFallBackToUserAndItemAndReadWeights() throws IOException {
        Path events = write("events.csv", "user,item,weight\nu1,i1,2\nu2,i1,1\nu2,i2,4\nu1,i2,8\n");
        CliRun run = CliRun.of("train", "--format", "csv", "--data", events.toString(), "--model", "implicit-als",
                "--rank", "2", "--iterations", "2", "--no-publish");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("read 4 interactions (implicit weights) of 2 users on 2 items"), run.err());
    }

    @Test
    void ambiguousOrMissingDefaultColumnsAreNamed() throws IOException {
        Path both = write("both.csv", "user_id,item_id,rating,weight\nu1,i1,4,1\n");
        CliRun run = CliRun.of("train", "--format", "csv", "--data", both.toString(), "--no-publish");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: " + both + ": the header has both a 'rating' and a 'weight' column; name the one to read"
                + " with --rating-column or --weight-column", run.errorLines());
        Path noUser = write("nouser.csv", "customer,item_id\nc1,i1\n");
        run = CliRun.of("train", "--format", "csv", "--data", noUser.toString(), "--no-publish");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("recgate: " + noUser + ": no user id column: the header has none of 'user_id', 'user'"
                + " (columns: customer, item_id); name it with --user-column", run.errorLines());
    }

    /**
     * Six users rate items i1..i6, each user in a rotated order so that every item is some user's
     * latest and has training rows; then u3's latest row is the only row of item i9. No model can
     * score that test row.
     */
    private static Path itemOnlyInSomeUsersLatestRow() throws IOException {
        StringBuilder csv = new StringBuilder("user_id,item_id,rating,timestamp\n");
        int t = 1;
        for (int u = 1; u <= 6; u++) {
            for (int k = 0; k < 6; k++) {
                csv.append("u").append(u).append(",i").append(1 + (u + k) % 6).append(",").append(1 + (u * k) % 5)
                        .append(",").append(t++).append("\n");
            }
        }
        csv.append("u3,i9,5,").append(t).append("\n");
        return write("only-latest.csv", csv.toString());
    }

    @Test
    void splitsDropTestRowsThatCannotBeScoredAndCountThem() throws IOException {
        Path data = itemOnlyInSomeUsersLatestRow();
        for (String split : new String[] {"last:1", "time:0.1"}) {
            CliRun run = CliRun.of("train", "--format", "csv", "--data", data.toString(), "--split", split,
                    "--model", "implicit-als", "--rank", "2", "--iterations", "2", "-k", "3", "--no-publish");
            assertEquals(ExitCodes.OK, run.exitCode(), split + ": " + run.err());
            assertTrue(run.err().contains("(1 test rows dropped: their user or item has no training row, so they"
                    + " cannot be scored)"), split + ": " + run.err());
        }
    }

    @Test
    void rebuildWithTheDemosSplitDoesNotFailOnAnItemSeenOnlyInSomeUsersLatestRow() throws IOException {
        Path data = itemOnlyInSomeUsersLatestRow();
        CliRun run = CliRun.of("rebuild", "--format", "csv", "--data", data.toString(), "--split", "last:1",
                "--model", "implicit-als", "--rank", "2", "--iterations", "2", "-k", "3", "--min-ndcg-ratio", "0",
                "--bundles", dir.resolve("bundles").toString(), "--models", dir.resolve("models").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("1 test rows dropped"), run.err());
    }

    @Test
    void evaluateListsOnlyTheOptionsItTakes() {
        CliRun help = CliRun.of("evaluate", "--help");
        assertEquals(ExitCodes.OK, help.exitCode());
        for (String ignored : new String[] {"--split", "--user-features", "--item-features", "--item-title-column"}) {
            assertFalse(help.out().contains(ignored), ignored + " listed by evaluate --help:\n" + help.out());
        }
        assertTrue(help.out().contains("--test-file"), help.out());
        CliRun run = CliRun.of("evaluate", "--format", "csv", "--data", "x.csv", "--split", "last:1");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.errorLines().startsWith("recgate: Unknown options: '--split', 'last:1'"), run.err());
        assertTrue(CliRun.of("train", "--help").out().contains("--split"));
        assertTrue(CliRun.of("rebuild", "--help").out().contains("--split"));
    }

    @Test
    void jsonTopLevelDescribesTheModelNamedByModel() throws IOException {
        CliRun run = CliRun.of("train", "--format", "csv", "--data", generated.resolve("interactions.csv").toString(),
                "--split", "last:1", "--model", "ranking-fm,implicit-als", "--rank", "4", "--iterations", "2",
                "--rank-fm-folds", "2", "--no-publish", "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("implicit-als", report.path("model").asText(), "the first evaluated model: " + run.out());
        assertEquals(report.path("models").path("implicit-als").path("ndcg@10"), report.path("ndcg@10"), run.out());
        assertTrue(report.path("models").has("ranking-fm"), run.out());
    }
}
