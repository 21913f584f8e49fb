package io.recgate.indexbuilder.io;

/**
 * The row loop shared by every interactions file: takes user, item, value and timestamp from
 * given field positions, checks them and adds them to an {@link InteractionsBuilder}, reporting
 * malformed rows to {@link BadRows} with their line and text.
 */
final class InteractionRows {

    /** How the value column is read. */
    enum ValueKind {
        /** An explicit rating: any finite number. */
        RATING,
        /** An implicit weight: finite and not negative. */
        WEIGHT,
        /** No value column: every row weighs 1. */
        ONE
    }

    /** Field positions; -1 for an absent value or timestamp column. */
    record Layout(int fields, int user, int item, int value, ValueKind kind, int timestamp) {
    }

    private InteractionRows() {
    }

    /**
     * Reads every remaining record of {@code in}.
     *
     * @return the number of well-formed rows added
     */
    static long readAll(DelimitedRecordReader in, Layout layout, InteractionsBuilder out, BadRows bad) {
        long rows = 0;
        while (in.next()) {
            if (in.problem() != null) {
                bad.report(in.file(), in.line(), in.problem(), in.text());
                continue;
            }
            if (in.fieldCount() != layout.fields()) {
                bad.report(in.file(), in.line(), "expected " + layout.fields() + " fields, found " + in.fieldCount(),
                        in.text());
                continue;
            }
            try {
                String user = Values.id(in.field(layout.user()), "user");
                String item = Values.id(in.field(layout.item()), "item");
                float value = switch (layout.kind()) {
                    case RATING -> Values.rating(in.field(layout.value()));
                    case WEIGHT -> Values.weight(in.field(layout.value()));
                    case ONE -> 1f;
                };
                long time = layout.timestamp() < 0 ? 0 : Values.timestamp(in.field(layout.timestamp()));
                out.add(user, item, value, time);
                rows++;
            } catch (Values.Problem p) {
                bad.report(in.file(), in.line(), p.getMessage(), in.text());
            }
        }
        return rows;
    }
}
