package coop.entraide.node.federation.inbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Applies one kind of received activity to the node's state. Called by the inbox worker inside a
 * transaction ({@code tx}) that also marks the activity processed, so a handler's writes and the
 * bookkeeping commit together. Handlers must be idempotent: the same activity may come again after
 * a crash between the work and the commit, or from another server that forwards it.
 *
 * <p>A handler that needs something from another server (an announced object, an actor's new
 * document) fetches it in {@link #prepare}, which the worker calls before it opens the transaction:
 * a slow remote then holds no database connection and no row lock. What {@code prepare} returns
 * is the handler's write step, holding what it fetched.
 */
public interface ActivityHandler {

    /** The ActivityStreams types this handler takes (e.g. {@code Follow}). */
    Set<String> types();

    Future<Outcome> handle(SqlConnection tx, InboundActivity activity);

    /**
     * Fetches what {@code handle} needs from other servers, outside any transaction, and returns
     * the step to run inside it. {@code db} serves reads that decide whether a fetch is worth it
     * (the transaction reads again before writing). A failed future leaves the activity pending,
     * to be tried again later. Every handler that takes the activity's type is prepared, before
     * any of them writes: fetch only what is clearly this handler's business. The default fetches
     * nothing.
     */
    default Future<Prepared> prepare(SqlClient db, InboundActivity activity) {
        return Future.succeededFuture(tx -> handle(tx, activity));
    }

    /**
     * Prepares the activities of one batch that this handler takes ({@code mine}), so that what
     * they all need from the database can be asked once for the batch instead of once each.
     * Returns one future per activity of {@code mine}, in its order; a failed one fails that
     * activity alone. {@code batch} holds every activity of the batch (this handler's or not) in
     * the order they will be applied, for a handler whose answer depends on what an earlier one
     * changes (a follow that an {@code Accept} before it accepts). The default prepares each
     * activity alone with {@link #prepare}.
     */
    default List<Future<Prepared>> prepareAll(SqlClient db, List<InboundActivity> mine, List<InboundActivity> batch) {
        List<Future<Prepared>> prepared = new ArrayList<>(mine.size());
        for (InboundActivity activity : mine) {
            // A handler that throws instead of failing its future fails this activity only.
            prepared.add(Future.succeededFuture().compose(v -> prepare(db, activity)));
        }
        return prepared;
    }

    /** The writes of a prepared activity, run in the worker's transaction. */
    @FunctionalInterface
    interface Prepared {
        Future<Outcome> write(SqlConnection tx);

        /**
         * Writes that this activity's {@link #write} left to be made together with those of other
         * activities of its batch, or null. The worker finishes each once, after the last activity
         * of the batch is written and before the outcomes are recorded, in the same transaction.
         */
        default Gathered gathered() {
            return null;
        }

        /**
         * An outcome decided without writing anything. When the preparations of a whole batch are
         * such, the worker records the outcomes without opening a transaction.
         */
        static Prepared decided(Outcome outcome) {
            return new Decided(outcome);
        }

        /** See {@link #decided(Outcome)}. */
        record Decided(Outcome outcome) implements Prepared {
            public Decided {
                Objects.requireNonNull(outcome, "outcome");
            }

            @Override
            public Future<Outcome> write(SqlConnection tx) {
                return Future.succeededFuture(outcome);
            }
        }
    }

    /**
     * Writes gathered across the activities of one batch (see {@link Prepared#gathered}), so that a
     * batch of Follows records its follows and queues its Accepts in a statement each, not one per
     * activity. A failure rolls the whole batch back, and the worker applies its activities again one
     * per transaction. An activity's outcome is decided when its {@code write} returns: what is
     * gathered must not change it (it may only fail).
     */
    @FunctionalInterface
    interface Gathered {
        Future<Void> finish(SqlConnection tx);
    }

    /** What became of an activity. */
    sealed interface Outcome {
        /** The activity changed (or confirmed) the node's state. */
        record Applied() implements Outcome {
        }

        /** Understood but nothing to do (not addressed to us, already known, unsupported variant). */
        record Ignored(String why) implements Outcome {
        }

        /** Refused for good (e.g. an actor changing what it does not own); logged, never retried. */
        record Refused(String why) implements Outcome {
        }
    }

    static Future<Outcome> applied() {
        return Future.succeededFuture(new Outcome.Applied());
    }

    static Future<Outcome> ignored(String why) {
        return Future.succeededFuture(new Outcome.Ignored(why));
    }

    static Future<Outcome> refused(String why) {
        return Future.succeededFuture(new Outcome.Refused(why));
    }

    /** A preparation that decided the outcome (as given by {@link #ignored}, {@link #refused}…) without writing. */
    static Future<Prepared> decided(Future<Outcome> outcome) {
        return outcome.map(Prepared::decided);
    }
}
