package io.recgate.gateway.store;

import io.recgate.gateway.events.Event;
import io.recgate.gateway.events.Interaction;
import io.recgate.gateway.events.RecentInteractions;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link RecentInteractions} in this process: the newest {@code perUser} interactions of each of at
 * most {@code maxUsers} users; the least recently touched user is evicted first. Lost on restart
 * unless rebuilt by replaying the event log. Synchronized (operations are short); futures are
 * already complete.
 */
public final class MemoryRecentInteractions implements RecentInteractions {

    private final int perUser;
    private final int maxUsers;
    private final LinkedHashMap<String, ArrayDeque<Interaction>> users;

    /**
     * @throws IllegalArgumentException if {@code perUser < 1} or {@code maxUsers < 1}
     */
    public MemoryRecentInteractions(int perUser, int maxUsers) {
        if (perUser < 1 || maxUsers < 1) {
            throw new IllegalArgumentException("perUser " + perUser + " and maxUsers " + maxUsers + " must be >= 1");
        }
        this.perUser = perUser;
        this.maxUsers = maxUsers;
        this.users = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Interaction>> eldest) {
                return size() > MemoryRecentInteractions.this.maxUsers;
            }
        };
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Future<Void> record(List<Event> events) {
        for (Event e : events) {
            add(e);
        }
        return Future.succeededFuture();
    }

    /** Adds one event; the synchronous form of {@link #record}, e.g. for replay. */
    public synchronized void add(Event e) {
        ArrayDeque<Interaction> recent = users.computeIfAbsent(e.userId(), u -> new ArrayDeque<>());
        recent.addFirst(e.interaction());
        if (recent.size() > perUser) {
            recent.removeLast();
        }
    }

    @Override
    public synchronized Future<List<Interaction>> recent(String userId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be >= 1");
        }
        ArrayDeque<Interaction> recent = users.get(userId);
        if (recent == null) {
            return Future.succeededFuture(List.of());
        }
        List<Interaction> out = new ArrayList<>(Math.min(limit, recent.size()));
        Iterator<Interaction> it = recent.iterator();
        while (out.size() < limit && it.hasNext()) {
            out.add(it.next());
        }
        return Future.succeededFuture(out);
    }

    /** Users currently held. */
    public synchronized int userCount() {
        return users.size();
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
