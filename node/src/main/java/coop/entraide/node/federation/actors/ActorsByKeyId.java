package coop.entraide.node.federation.actors;

import coop.entraide.node.identity.Actor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remote actors by key id, kept in memory for a short while: every signed request to an inbox
 * names a key, and the same few servers send most of them, so looking each one up in the database
 * would cost a round trip per request. Entries live {@code ttl} at most and are dropped as soon as
 * this process changes the actor (fetched again, updated, deleted); the cache is emptied when it
 * holds {@code capacity} entries. Thread-safe.
 */
final class ActorsByKeyId {
    private record Entry(Actor actor, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int capacity;

    ActorsByKeyId(Duration ttl, int capacity) {
        this.ttlNanos = ttl.toNanos();
        this.capacity = capacity;
    }

    Optional<Actor> get(String keyId) {
        Entry e = entries.get(keyId);
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.expiresAtNanos() > 0) {
            entries.remove(keyId, e);
            return Optional.empty();
        }
        return Optional.of(e.actor());
    }

    void put(String keyId, Actor actor) {
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(keyId, new Entry(actor, System.nanoTime() + ttlNanos));
    }

    /** Forgets every key of this actor. */
    void forget(String actorUri) {
        entries.values().removeIf(e -> e.actor().uri().equals(actorUri));
    }
}
