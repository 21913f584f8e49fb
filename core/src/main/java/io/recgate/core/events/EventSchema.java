package io.recgate.core.events;

/**
 * Where the gateway keeps its events and in which shape, defined once for the gateway (which writes
 * them) and the index builder (which exports them for retraining).
 *
 * <p>PostgreSQL: table {@link #TABLE} with columns {@link #USER_ID}, {@link #ITEM_ID},
 * {@link #EVENT_TYPE} (an {@link EventType} wire name), {@link #VALUE} (nullable) and
 * {@link #EVENT_TIME} (timestamptz), in insertion order by {@code id}.
 *
 * <p>The embedded log: {@link #LOG_FILE} in the gateway's data directory, one JSON object per line
 * (UTF-8) with keys {@link #LOG_USER_ID}, {@link #LOG_ITEM_ID}, {@link #LOG_TYPE}, {@link #LOG_VALUE}
 * (absent without a value) and {@link #LOG_TIMESTAMP} (epoch milliseconds). A last line without its
 * newline was never acknowledged ({@link EventLogReader} skips it).
 */
public final class EventSchema {

    /** The PostgreSQL table. */
    public static final String TABLE = "recgate_events";
    public static final String USER_ID = "user_id";
    public static final String ITEM_ID = "item_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String VALUE = "value";
    public static final String EVENT_TIME = "event_time";

    /** The embedded log's file name under the gateway's data directory. */
    public static final String LOG_FILE = "events.log";
    public static final String LOG_USER_ID = "userId";
    public static final String LOG_ITEM_ID = "itemId";
    public static final String LOG_TYPE = "type";
    public static final String LOG_VALUE = "value";
    public static final String LOG_TIMESTAMP = "timestamp";

    private EventSchema() {
    }
}
