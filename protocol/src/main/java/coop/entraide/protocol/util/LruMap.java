package coop.entraide.protocol.util;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that holds at most {@code capacity} entries and forgets the least recently used one first:
 * the memory of hosts, keys and signers, which must stay bounded whatever remote servers send. An
 * entry is used when it is read or written. Not thread-safe: callers synchronise on it.
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;

    private final int capacity;

    /** @throws IllegalArgumentException if {@code capacity} is not positive */
    public LruMap(int capacity) {
        super(Math.min(capacity, 256), 0.75f, true);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
