package coop.entraide.protocol.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LruMapTest {

    @Test
    void forgetsTheLeastRecentlyUsedEntryBeyondItsCapacity() {
        LruMap<String, Integer> map = new LruMap<>(2);
        map.put("a", 1);
        map.put("b", 2);
        map.get("a");
        map.put("c", 3);

        assertEquals(2, map.size());
        assertTrue(map.containsKey("a"), "read last, so kept");
        assertFalse(map.containsKey("b"), "the least recently used");
        assertTrue(map.containsKey("c"));
    }

    @Test
    void aWriteCountsAsAUse() {
        LruMap<String, Integer> map = new LruMap<>(2);
        map.put("a", 1);
        map.put("b", 2);
        map.put("a", 10);
        map.put("c", 3);

        assertEquals(10, map.get("a"));
        assertFalse(map.containsKey("b"));
    }

    @Test
    void aLargeCapacityDoesNotReserveItsMemoryUpFront() {
        LruMap<Integer, Integer> map = new LruMap<>(1_000_000);
        for (int i = 0; i < 1000; i++) {
            map.put(i, i);
        }
        assertEquals(1000, map.size());
        assertEquals(1_000_000, map.capacity());
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new LruMap<>(0));
        assertThrows(IllegalArgumentException.class, () -> new LruMap<>(-5));
    }
}
