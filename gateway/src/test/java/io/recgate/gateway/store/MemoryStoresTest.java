package io.recgate.gateway.store;

import io.recgate.gateway.cache.MemoryResponseCache;
import io.recgate.gateway.events.Event;
import io.recgate.core.events.EventType;
import io.recgate.gateway.events.Interaction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemoryStoresTest {

    private static Event view(String user, String item, long millis) {
        return new Event(user, item, EventType.VIEW, null, Instant.ofEpochMilli(millis));
    }

    @Test
    void recentKeepsTheNewestPerUserNewestFirst() {
        MemoryRecentInteractions recent = new MemoryRecentInteractions(3, 10);
        recent.record(List.of(view("u", "a", 1), view("u", "b", 2), view("u", "c", 3), view("u", "d", 4)));
        List<Interaction> got = recent.recent("u", 10).result();
        assertEquals(List.of("d", "c", "b"), got.stream().map(Interaction::itemId).toList());
        assertEquals(List.of("d"), recent.recent("u", 1).result().stream().map(Interaction::itemId).toList());
        assertEquals(List.of(), recent.recent("nobody", 5).result());
        assertThrows(IllegalArgumentException.class, () -> recent.recent("u", 0));
    }

    @Test
    void recentEvictsTheLeastRecentlyUsedUser() {
        MemoryRecentInteractions recent = new MemoryRecentInteractions(5, 2);
        recent.add(view("u1", "a", 1));
        recent.add(view("u2", "a", 1));
        recent.recent("u1", 1);
        recent.add(view("u3", "a", 1));
        assertEquals(2, recent.userCount());
        assertEquals(1, recent.recent("u1", 5).result().size(), "u1 was touched and stays");
        assertEquals(0, recent.recent("u2", 5).result().size(), "u2 was least recently used");
    }

    @Test
    void responseCacheInvalidatesPerUserAndStaysBounded() {
        MemoryResponseCache cache = new MemoryResponseCache(3, Duration.ofMinutes(1));
        cache.put("u1", "k=10", "A");
        cache.put("u1", "k=20", "B");
        cache.put("u2", "k=10", "C");
        assertEquals(Optional.of("A"), cache.get("u1", "k=10").result());
        cache.invalidate(Set.of("u1"));
        assertEquals(Optional.empty(), cache.get("u1", "k=10").result());
        assertEquals(Optional.of("C"), cache.get("u2", "k=10").result());
        cache.put("u3", "a", "1");
        cache.put("u4", "a", "1");
        cache.put("u5", "a", "1");
        assertEquals(3, cache.size());
        assertEquals(Optional.empty(), cache.get("u2", "k=10").result(), "oldest user evicted");
    }

    @Test
    void responseCacheEntriesExpire() throws InterruptedException {
        MemoryResponseCache cache = new MemoryResponseCache(10, Duration.ofMillis(1));
        cache.put("u", "k", "v");
        Thread.sleep(5);
        assertEquals(Optional.empty(), cache.get("u", "k").result());
    }
}
