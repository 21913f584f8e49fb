package io.recgate.indexbuilder.generate;

import java.nio.file.Path;

/**
 * What {@link SyntheticGenerator#generate} wrote.
 *
 * @param directory         the output directory
 * @param users             rows of users.csv (all users, including any without interactions)
 * @param items             rows of items.csv
 * @param interactions      rows of interactions.csv, exactly the requested number
 * @param interactionsBytes size of interactions.csv in bytes
 */
public record GenerationSummary(Path directory, int users, int items, long interactions, long interactionsBytes) {
}
