package coop.entraide.node.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores what the inboxes accept, grouping rows under load: at most {@code writers} inserts run at
 * once, and rows that arrive while they run wait and then go together, up to {@code maxRows} in
 * one {@code INSERT} (and one commit) instead of one each, which is what the database spends most
 * on. A lone request is written at once, without waiting for company. Each caller's future
 * completes once its row is committed (true when the activity was new), so an inbox answers
 * {@code 202} only for what is stored.
 *
 * <p>When PostgreSQL refuses a group because of one row's content (a string it cannot hold in
 * {@code jsonb}), its rows are stored one by one, so that only that row is refused. Safe to call
 * from any thread.
 */
final class InboxBatcher {
    private record Pending(InboxStore.Received row, Promise<Boolean> stored) {
    }

    private final Pool pool;
    private final InboxStore store;
    private final Clock clock;
    private final int writers;
    private final int maxRows;

    private List<Pending> waiting = new ArrayList<>();
    private int writing;

    InboxBatcher(Pool pool, InboxStore store, Clock clock, int writers, int maxRows) {
        this.pool = pool;
        this.store = store;
        this.clock = clock;
        this.writers = writers;
        this.maxRows = maxRows;
    }

    /** Stores the row; true when it was new, false when an activity with its key was there. */
    Future<Boolean> insert(InboxStore.Received row) {
        Promise<Boolean> stored = Promise.promise();
        List<Pending> group = null;
        synchronized (this) {
            waiting.add(new Pending(row, stored));
            if (writing < writers) {
                group = take();
            }
        }
        if (group != null) {
            write(group);
        }
        return stored.future();
    }

    /** The next group to write, at most {@code maxRows}; the caller holds the lock. */
    private List<Pending> take() {
        List<Pending> group;
        if (waiting.size() <= maxRows) {
            group = waiting;
            waiting = new ArrayList<>();
        } else {
            group = new ArrayList<>(waiting.subList(0, maxRows));
            waiting = new ArrayList<>(waiting.subList(maxRows, waiting.size()));
        }
        writing++;
        return group;
    }

    private void write(List<Pending> group) {
        store.insertAll(pool, group.stream().map(Pending::row).toList(), clock.instant())
                .onSuccess(stored -> answer(group, stored))
                .onFailure(e -> {
                    if (group.size() > 1 && isContentError(e)) {
                        group.forEach(p -> store.insert(pool, p.row(), clock.instant()).onComplete(p.stored()));
                    } else {
                        group.forEach(p -> p.stored().fail(e));
                    }
                })
                .onComplete(ar -> next());
    }

    /** New for the first row of each stored key only: the same activity twice in one group is stored once. */
    private static void answer(List<Pending> group, Set<String> stored) {
        Set<String> seen = new HashSet<>();
        for (Pending p : group) {
            String key = p.row().dedupeKey();
            p.stored().complete(stored.contains(key) && seen.add(key));
        }
    }

    private void next() {
        List<Pending> group = null;
        synchronized (this) {
            writing--;
            if (!waiting.isEmpty()) {
                group = take();
            }
        }
        if (group != null) {
            write(group);
        }
    }

    /** SQL state class 22 (data exception): the content of some row, not the database, is at fault. */
    private static boolean isContentError(Throwable e) {
        return e instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22");
    }
}
