package coop.entraide.node.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Activity;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the inboxes of this process pass to its worker in memory, so that the worker need not claim,
 * read and parse again what the intake has just checked: the row's id, the parsed activity, its
 * body, the sender the signature named.
 *
 * <p>The intake first {@linkplain #reserve() reserves} a place; only then does it store the row,
 * leased to this process until the returned time, and, once committed, {@linkplain #add adds} it.
 * The row is committed before anything is answered, and the lease is what makes the hand-off
 * safe: if this process dies with activities in memory, their leases run out and any worker claims
 * them from the table. When no place is free (the worker is behind, or not started), the intake
 * stores the row unleased and the worker claims it as before. Safe to call from any thread.
 */
final class InboxHandOff {
    private static final Logger LOG = LoggerFactory.getLogger(InboxHandOff.class);

    /** A stored activity leased to this process, as the intake checked it. */
    record Handed(long row, Long inboxOwnerId, Activity activity, JsonNode body, Actor sender) {
    }

    private final Pool pool;
    private final InboxStore store;
    private final Clock clock;
    private final Duration lease;
    private final int capacity;
    /** Places taken: reserved by an intake, or holding an activity the worker has not taken yet. */
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicLong handed = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Queue<Handed> queue = new ConcurrentLinkedQueue<>();
    private volatile Runnable listener;

    InboxHandOff(Pool pool, InboxStore store, Clock clock, Duration lease, int capacity) {
        this.pool = pool;
        this.store = store;
        this.clock = clock;
        this.lease = lease;
        this.capacity = capacity;
    }

    /**
     * A place for one activity, and the end of the lease to store it with; null when there is no
     * room, or no worker to take it.
     */
    Instant reserve() {
        if (listener == null) {
            return null;
        }
        int now;
        do {
            now = taken.get();
            if (now >= capacity) {
                return null;
            }
        } while (!taken.compareAndSet(now, now + 1));
        return clock.instant().plus(lease);
    }

    /** Gives back a place the intake did not use (the activity was there already, or not stored). */
    void cancel() {
        taken.decrementAndGet();
    }

    /** Hands a committed, leased row to the worker, in the place reserved for it. */
    void add(Handed activity) {
        Runnable worker = listener;
        if (worker == null) {
            // The worker stopped since the place was reserved: the row goes back to the table.
            taken.decrementAndGet();
            release(List.of(activity.row()));
            return;
        }
        queue.add(activity);
        waiting.incrementAndGet();
        handed.incrementAndGet();
        if (listener == null) {
            // close() ran between the check above and the add, and emptied the queue before this
            // activity was in it: give back what it could not see, as it would have.
            releaseWaiting();
            return;
        }
        worker.run();
    }

    /** Up to {@code max} activities, in the order they were handed. */
    List<Handed> take(int max) {
        List<Handed> out = new ArrayList<>(Math.min(max, 64));
        Handed next;
        while (out.size() < max && (next = queue.poll()) != null) {
            out.add(next);
        }
        if (!out.isEmpty()) {
            taken.addAndGet(-out.size());
            waiting.addAndGet(-out.size());
        }
        return out;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Activities handed over and not taken yet. */
    int waiting() {
        return waiting.get();
    }

    /** Activities handed over since this process started. */
    long handedSoFar() {
        return handed.get();
    }

    /** The worker takes from now on; {@code wake} is run (on any thread) when something arrives. */
    void open(Runnable wake) {
        listener = wake;
    }

    /**
     * The worker stops: nothing more is handed over, and what waits in memory goes back to the
     * table at once rather than when its lease runs out.
     */
    void close() {
        listener = null;
        releaseWaiting();
    }

    /** Gives every activity still waiting in memory back to the table. */
    private void releaseWaiting() {
        List<Handed> left = take(Integer.MAX_VALUE);
        if (!left.isEmpty()) {
            release(left.stream().map(Handed::row).toList());
        }
    }

    private void release(List<Long> rows) {
        store.releaseLeases(pool, rows).onFailure(e -> LOG.warn("could not give back the leases of {} inbox activities"
                + " (they will be taken when the leases run out): {}", rows.size(), e.getMessage()));
    }
}
