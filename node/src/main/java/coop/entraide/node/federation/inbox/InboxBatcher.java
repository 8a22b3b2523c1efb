package coop.entraide.node.federation.inbox;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * Stores what the inboxes accept, grouping rows under load: at most {@code writers} inserts run at
 * once, and rows that arrive while they run wait and then go together, up to {@code maxRows} in
 * one {@code INSERT} (and one commit) instead of one each, which is what the database spends most
 * on. A lone request is written at once, without waiting for company. Each caller's future
 * completes once its row is committed (with the row's id when the activity was new), so an inbox answers
 * {@code 202} only for what is stored.
 *
 * <p>When PostgreSQL refuses a group because of one row's content (a string it cannot hold in
 * {@code jsonb}), its rows are stored one by one, so that only that row is refused. Safe to call
 * from any thread.
 *
 * <p>A caller on a Vert.x context gets its answer on that context, so that each inbox writes its
 * {@code 202} from its own event loop; the answers of a group are handed to each event loop in one
 * task rather than one per row. Completed on the database connection's thread instead, every
 * response would be written across threads, each costing a wake-up of the other event loop.
 */
final class InboxBatcher {
    /** {@code context}: where the caller waits for its answer; null when it called from outside Vert.x. */
    private record Pending(InboxStore.Received row, Promise<Optional<Long>> stored, Context context) {
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

    /** Stores the row; its id when it was new, empty when an activity with its key was there. */
    Future<Optional<Long>> insert(InboxStore.Received row) {
        Promise<Optional<Long>> stored = Promise.promise();
        List<Pending> group = null;
        synchronized (this) {
            waiting.add(new Pending(row, stored, Vertx.currentContext()));
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
                        group.forEach(p -> store.insert(pool, p.row(), clock.instant())
                                .onComplete(ar -> onTheirContexts(List.of(p), (one, i) -> one.stored().handle(ar))));
                    } else {
                        onTheirContexts(group, (p, i) -> p.stored().fail(e));
                    }
                })
                .onComplete(ar -> next());
    }

    /** New for the first row of each stored key only: the same activity twice in one group is stored once. */
    private static void answer(List<Pending> group, Map<String, Long> stored) {
        Set<String> seen = new HashSet<>();
        List<Optional<Long>> ids = new ArrayList<>(group.size());
        for (Pending p : group) {
            String key = p.row().dedupeKey();
            Long id = stored.get(key);
            ids.add(id != null && seen.add(key) ? Optional.of(id) : Optional.empty());
        }
        onTheirContexts(group, (p, i) -> p.stored().complete(ids.get(i)));
    }

    /**
     * Runs {@code answer} for each row (with its index in the group) on the context its caller
     * waits on: at once for the current context and callers outside Vert.x, in one task per other
     * context, in the group's order.
     */
    private static void onTheirContexts(List<Pending> group, ObjIntConsumer<Pending> answer) {
        Context here = Vertx.currentContext();
        Map<Context, List<Integer>> elsewhere = null;
        for (int i = 0; i < group.size(); i++) {
            Context context = group.get(i).context();
            if (context == null || context == here) {
                answer.accept(group.get(i), i);
            } else {
                if (elsewhere == null) {
                    elsewhere = new LinkedHashMap<>();
                }
                elsewhere.computeIfAbsent(context, c -> new ArrayList<>()).add(i);
            }
        }
        if (elsewhere != null) {
            elsewhere.forEach((context, rows) -> context.runOnContext(v -> rows.forEach(i -> answer.accept(group.get(i), i))));
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
