/**
 * Readers of interaction data and factor files for the index builder.
 *
 * <p>Entry points: {@link io.recgate.indexbuilder.io.DatasetReaders} (formats {@code csv},
 * {@code movielens-100k}, {@code movielens-1m}, {@code movielens-latest}, configured by
 * {@link io.recgate.indexbuilder.io.ReadOptions}, returning a
 * {@link io.recgate.indexbuilder.io.ReadResult}) and {@link io.recgate.indexbuilder.io.FactorReader}
 * (CSV/TSV and {@code .npy} factors, returning a {@link io.recgate.indexbuilder.io.FactorMatrix}).
 *
 * <p>Conventions shared by every reader:
 * <ul>
 *   <li>Errors in data are {@link io.recgate.indexbuilder.io.DataFormatException}s whose message is
 *       one line, {@code path:LINE: problem: "text"}; with {@code skipBadRows} a malformed row is
 *       counted and skipped instead (factor files excepted: there every problem is fatal).</li>
 *   <li>Ratings are finite numbers; implicit weights are finite and not negative; a CSV without a
 *       rating or weight column is implicit data with weight 1. Timestamps are epoch seconds (0 when
 *       the source has none).</li>
 *   <li>Duplicate (user, item) pairs are merged into their first occurrence: implicit weights
 *       summed with the latest timestamp, explicit ratings replaced by the one with the latest
 *       timestamp (the later line on a tie). The count is reported.</li>
 *   <li>User and item id maps hold the ids that occur in the interactions, in first-seen order,
 *       then the ids of the metadata files (u.user, u.item, feature files) that have no
 *       interaction, in file order: those are known cold-start entities. Ids without metadata get
 *       no tokens, title or categories.</li>
 *   <li>Side features are {@code name:value} tokens. MovieLens items: {@code genre:<Name>},
 *       {@code year:<decade>} (e.g. {@code year:1990s}); MovieLens users: {@code age:<bucket>}
 *       ({@code <18, 18-24, 25-34, 35-44, 45-49, 50-55, 56+}), {@code gender:M|F},
 *       {@code occupation:<name>}, {@code zip:<first digit, or first two characters if not numeric>}.
 *       CSV feature files: {@code <column>:<value>} per non-id, non-title column, cells split on
 *       {@code |}.</li>
 * </ul>
 */
package io.recgate.indexbuilder.io;
