package coop.entraide.node.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.entraide.node.federation.actors.ActorStore;
import coop.entraide.node.federation.actors.CachedActor;
import coop.entraide.node.federation.inbox.ActivityHandler.Outcome;
import coop.entraide.node.federation.inbox.ActivityHandler.Prepared;
import coop.entraide.node.federation.inbox.InboxStore.Claimed;
import coop.entraide.node.federation.inbox.InboxStore.State;
import coop.entraide.node.federation.policy.DomainPolicies;
import coop.entraide.node.federation.policy.Decision;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.Parsed;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through what the inboxes stored. Deploy one per process; several processes on one database
 * share the work.
 *
 * <p>A worker claims due activities under a lease ({@code FOR UPDATE SKIP LOCKED}), and processes
 * each in two steps. First, outside any transaction, the {@link ActivityHandler}s registered for
 * its type {@linkplain ActivityHandler#prepare prepare} it (fetching from other servers what they
 * need). Then, in its own transaction, the worker locks the row, checks that it is still pending,
 * runs the handlers' writes, and records the outcome in the same transaction. A failed preparation
 * is a failure like any other: the activity is tried again later. If the process dies, nothing is
 * lost: the transaction rolls back and the lease runs out. If a lease runs out while its worker is
 * still busy, the second worker waits on the row lock and then finds the activity done: none is
 * applied twice.
 *
 * <ul>
 *   <li>no handler for the type: {@code ignored}, kept without error;</li>
 *   <li>{@code Applied}: {@code processed}; {@code Ignored}: {@code ignored}; {@code Refused}: {@code failed};</li>
 *   <li>a handler failure: tried again after {@link InboxSettings#retryAfter}, then {@code failed}
 *       after {@code maxAttempts}, with the error;</li>
 *   <li>finished rows are deleted after {@link InboxSettings#keepFinished()}.</li>
 * </ul>
 */
public final class InboxWorker extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(InboxWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool pool;
    private final InboxStore store;
    private final ActivityHandlers handlers;
    private final DomainPolicies policies;
    private final InboxSettings settings;
    private final Clock clock;
    private final ActorStore actors = new ActorStore();
    private final Runnable afterApplied;

    private boolean claiming;
    private int processing;
    private boolean again;
    private boolean stopping;
    private long pollTimer = -1;
    private long maintenanceTimer = -1;
    private Promise<Void> idle;

    public InboxWorker(Pool pool, InboxStore store, ActivityHandlers handlers, DomainPolicies policies,
                       InboxSettings settings, Clock clock) {
        this(pool, store, handlers, policies, settings, clock, () -> { });
    }

    /**
     * @param afterApplied run once the transaction of an applied activity has committed: what its
     *                     handler enqueued (an {@code Accept} for a {@code Follow}…) can be sent now
     */
    public InboxWorker(Pool pool, InboxStore store, ActivityHandlers handlers, DomainPolicies policies,
                       InboxSettings settings, Clock clock, Runnable afterApplied) {
        this.afterApplied = afterApplied;
        this.pool = pool;
        this.store = store;
        this.handlers = handlers;
        this.policies = policies;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        maintenanceTimer = vertx.setPeriodic(settings.maintenanceInterval().toMillis(), id -> maintain());
        poll();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(maintenanceTimer);
        if (!claiming && processing == 0) {
            return Future.succeededFuture();
        }
        idle = Promise.promise();
        return idle.future().timeout(10, TimeUnit.SECONDS).recover(e -> Future.succeededFuture());
    }

    /** Asks the worker to look for due activities now (this process just stored one). */
    public void wake() {
        if (context != null) {
            context.runOnContext(v -> {
                again = true;
                poll();
            });
        }
    }

    // --- claiming ------------------------------------------------------------------------------

    /**
     * Keeps up to {@code batchSize} activities in process: claims again as soon as half of them
     * are done, rather than waiting for a whole batch (and its slowest activity) to finish.
     */
    private void poll() {
        vertx.cancelTimer(pollTimer);
        pollTimer = -1;
        int room = settings.batchSize() - processing;
        if (stopping || claiming || room < Math.max(1, settings.batchSize() / 2)) {
            return;
        }
        claiming = true;
        again = false;
        Instant now = clock.instant();
        store.claim(pool, room, now, now.plus(settings.lease()))
                .onComplete(ar -> context.runOnContext(v -> claimed(ar.succeeded() ? ar.result() : List.of(), room, ar.cause())));
    }

    private void claimed(List<Claimed> claimed, int asked, Throwable failure) {
        claiming = false;
        if (failure != null) {
            LOG.warn("could not claim inbox activities: {}", failure.getMessage());
        }
        for (Claimed c : claimed) {
            processing++;
            process(c).onComplete(ar -> context.runOnContext(v -> processed()));
        }
        if (stopping) {
            settleIfIdle();
        } else if (claimed.size() >= asked || again) {
            poll();
        } else if (processing == 0) {
            later();
        }
    }

    private void processed() {
        processing--;
        if (stopping) {
            settleIfIdle();
        } else if (processing == 0 && !claiming) {
            // Whatever claims ended short, look again at once after a full round, else after the interval.
            poll();
            if (!claiming) {
                later();
            }
        } else {
            poll();
        }
    }

    private void later() {
        if (pollTimer == -1) {
            pollTimer = vertx.setTimer(Math.max(1, settings.pollInterval().toMillis()), id -> {
                pollTimer = -1;
                poll();
            });
        }
    }

    private void settleIfIdle() {
        if (!claiming && processing == 0 && idle != null) {
            idle.tryComplete();
        }
    }

    // --- processing one ------------------------------------------------------------------------

    private Future<Void> process(Claimed claimed) {
        return Future.succeededFuture().compose(v -> prepare(claimed))
                .compose(prepared -> pool.withTransaction(tx -> store.lockPending(tx, claimed.id()).compose(pending -> pending
                        ? prepared.write(tx).compose(outcome -> record(tx, claimed, outcome).map(outcome))
                        : Future.<Outcome>succeededFuture(null))))
                .onSuccess(outcome -> {
                    if (outcome instanceof Outcome.Applied) {
                        afterApplied.run();
                    }
                })
                .<Void>mapEmpty()
                .recover(e -> failed(claimed, e));
    }

    /**
     * Everything that does not write, done before the transaction: reading the activity, its sender
     * and inbox owner (with the pool), and the handlers' fetches from other servers, so that a slow
     * remote holds no connection and no row lock. What it decides is written in the transaction.
     */
    private Future<Prepared> prepare(Claimed claimed) {
        JsonNode body;
        try {
            body = JSON.readTree(claimed.body());
        } catch (Exception e) {
            return decided(ActivityHandler.refused("the stored body cannot be read: " + e.getMessage()));
        }
        Parsed<Activity> parsed = Activity.parse(body);
        if (!(parsed instanceof Parsed.Ok<Activity> ok)) {
            return decided(ActivityHandler.refused("not an activity: " + parsed.failure().orElse("?")));
        }
        Activity activity = ok.value();
        List<ActivityHandler> candidates = handlers.forTypes(activity.types());
        if (candidates.isEmpty()) {
            return decided(ActivityHandler.ignored("no handler for " + String.join(", ", activity.types())));
        }
        return actors.byUri(pool, claimed.actorUri()).compose(sender -> {
            if (sender.isEmpty()) {
                return decided(ActivityHandler.ignored("the sender " + claimed.actorUri() + " is no longer known"));
            }
            Decision decision = policies.decide(sender.get().actor().domain());
            if (decision.rejected()) {
                return decided(ActivityHandler.ignored("the sender's domain is now refused: " + decision.why()));
            }
            return owner(claimed).compose(owner -> {
                InboundActivity inbound = new InboundActivity(claimed.id(), activity, body, sender.get().actor(),
                        owner, decision.verdict() == Decision.Verdict.SILENCE);
                List<Future<Prepared>> steps = new ArrayList<>();
                for (ActivityHandler candidate : candidates) {
                    steps.add(Future.succeededFuture().compose(v -> candidate.prepare(pool, inbound)));
                }
                return Future.all(steps).map(all -> (Prepared) tx -> offer(tx, all.<Prepared>list(), 0));
            });
        });
    }

    private static Future<Prepared> decided(Future<Outcome> outcome) {
        return Future.succeededFuture(tx -> outcome);
    }

    /** Offers the activity to each candidate in turn until one does not ignore it. */
    private Future<Outcome> offer(SqlConnection tx, List<Prepared> candidates, int index) {
        return candidates.get(index).write(tx).compose(outcome ->
                outcome instanceof Outcome.Ignored && index + 1 < candidates.size()
                        ? offer(tx, candidates, index + 1)
                        : Future.succeededFuture(outcome));
    }

    private Future<Optional<Actor>> owner(Claimed claimed) {
        if (claimed.inboxOwnerId() == null) {
            return Future.succeededFuture(Optional.empty());
        }
        return pool.preparedQuery("SELECT uri FROM actors WHERE id = $1")
                .execute(Tuple.of(claimed.inboxOwnerId()))
                .compose(rows -> rows.size() == 0
                        ? Future.succeededFuture(Optional.<CachedActor>empty())
                        : actors.byUri(pool, rows.iterator().next().getString("uri")))
                .map(found -> found.map(CachedActor::actor));
    }

    private Future<Void> record(SqlConnection tx, Claimed claimed, Outcome outcome) {
        Instant now = clock.instant();
        if (outcome instanceof Outcome.Applied) {
            return store.finish(tx, claimed.id(), State.PROCESSED, null, now);
        }
        if (outcome instanceof Outcome.Ignored ignored) {
            LOG.debug("inbox activity {} ignored: {}", claimed.id(), ignored.why());
            return store.finish(tx, claimed.id(), State.IGNORED, ignored.why(), now);
        }
        String why = ((Outcome.Refused) outcome).why();
        LOG.info("inbox activity {} ({} from {}) refused: {}", claimed.id(), claimed.type(), claimed.actorUri(), why);
        return store.finish(tx, claimed.id(), State.FAILED, "refused: " + why, now);
    }

    private Future<Void> failed(Claimed claimed, Throwable e) {
        int failures = claimed.attempts() + 1;
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        Instant now = clock.instant();
        if (failures >= settings.maxAttempts()) {
            LOG.warn("inbox activity {} ({} from {}) failed {} times, giving up: {}", claimed.id(), claimed.type(),
                    claimed.actorUri(), failures, error);
            return pool.withTransaction(tx -> store.lockPending(tx, claimed.id()).compose(pending -> pending
                            ? store.finish(tx, claimed.id(), State.FAILED, error, now)
                            : Future.succeededFuture()))
                    .otherwiseEmpty();
        }
        LOG.info("inbox activity {} ({} from {}) failed (attempt {}), will retry: {}", claimed.id(), claimed.type(),
                claimed.actorUri(), failures, error);
        return store.retry(pool, claimed.id(), error, now.plus(settings.retryAfter(failures))).otherwiseEmpty();
    }

    // --- upkeep --------------------------------------------------------------------------------

    private void maintain() {
        if (stopping) {
            return;
        }
        Instant now = clock.instant();
        store.purge(pool, now.minus(settings.keepFinished()), now.minus(settings.keepFinished().multipliedBy(4)))
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("deleted {} finished inbox activities", n);
                    }
                })
                .onFailure(e -> LOG.warn("inbox upkeep failed: {}", e.getMessage()));
    }
}
