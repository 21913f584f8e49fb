package io.recgate.indexbuilder.io;

import io.recgate.core.ids.IdMap;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/**
 * The state of one read over several files: progress over all of them, the bad-row policy and
 * count, and the interactions being collected. Assembles the {@link ReadResult}. Not thread-safe.
 */
final class ReadSession {

    final ByteProgress progress;
    final BadRows bad;
    final InteractionsBuilder interactions;
    private final boolean explicit;
    private long rows;

    ReadSession(ReadOptions options, ProgressListener listener, boolean explicit, List<Path> files) {
        this.progress = new ByteProgress(listener, files);
        this.bad = new BadRows(options.skipBadRows());
        this.interactions = new InteractionsBuilder(explicit);
        this.explicit = explicit;
    }

    DelimitedRecordReader open(Path file, Charset charset, String delimiter, boolean quoting) {
        return new DelimitedRecordReader(file, charset, delimiter, quoting, progress);
    }

    /** Reads the rest of an interactions file with the given layout. */
    void readInteractions(DelimitedRecordReader in, InteractionRows.Layout layout) {
        rows += InteractionRows.readAll(in, layout, interactions, bad);
    }

    /**
     * The interactions read so far with metadata from the tables (null for none). Every id of a
     * metadata table is a known entity even without interactions: it gets an index after the
     * interacting ones, so a test row or a live event about a catalogue item nobody rated yet is
     * a cold start, not an unknown id.
     */
    ReadResult finish(Path ratingsFile, EntityTable users, EntityTable items) {
        if (users != null) {
            interactions.registerUsers(users.ids());
        }
        if (items != null) {
            interactions.registerItems(items.ids());
        }
        Interactions built = interactions.build(ratingsFile);
        IdMap userIds = built.users();
        IdMap itemIds = built.items();
        Dataset dataset = new Dataset(built, explicit,
                items == null ? ItemCatalog.empty(itemIds) : items.catalog(itemIds),
                users == null ? SideFeatures.none(userIds) : users.features(userIds),
                items == null ? SideFeatures.none(itemIds) : items.features(itemIds));
        progress.complete();
        return new ReadResult(dataset, rows, bad.skipped(), bad.firstMessage(), interactions.duplicatesMerged());
    }
}
