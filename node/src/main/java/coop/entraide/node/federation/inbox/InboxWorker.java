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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through what the inboxes stored. Deploy one per process; several processes on one database
 * share the work.
 *
 * <p>A worker claims due activities under a lease ({@code FOR UPDATE SKIP LOCKED}) and processes
 * each claimed batch in two steps:
 * <ol>
 *   <li><b>prepare</b>, outside any transaction: reads each body once, finds its handlers, looks
 *       up the senders and inbox owners of the whole batch in one query, and lets the handlers
 *       {@linkplain ActivityHandler#prepare prepare} each activity (fetching from other servers
 *       what they need), so that a slow remote holds no connection and no row lock. A preparation
 *       that fails (a server that cannot answer now) fails its activity alone, which is tried
 *       again later; the rest of the batch goes on;</li>
 *   <li><b>apply</b>, in one transaction for the whole batch: locks the rows and keeps those still
 *       pending, hands each activity in turn to the {@link ActivityHandler}s registered for its
 *       type, and records all outcomes in the same transaction as the handlers' writes.</li>
 * </ol>
 * If the process dies, nothing is lost: the transaction rolls back and the lease runs out. If a
 * lease runs out while its worker is still busy, the second worker waits on the row lock and then
 * finds the activity done: none is applied twice. Activities are applied one after the other
 * within a batch, so the same activity stored twice in one batch (through two inboxes, say) finds
 * the first one's writes, as handlers expect.
 *
 * <p>A handler that fails (rather than answering {@code Refused}) rolls its whole batch back; the
 * batch is then applied again one activity per transaction, so that only the failing activity
 * fails and the others are applied.
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
    private int batches;
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
     * @param afterApplied run once a transaction that applied activities has committed: what their
     *                     handlers enqueued (an {@code Accept} for a {@code Follow}…) can be sent now
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
        if (!claiming && batches == 0) {
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
     * Keeps up to {@code parallelBatches} batches in process, claiming the next as soon as one
     * slot is free: under load the activities that arrive while a batch is applied make the next
     * batch, so batches grow with the load and a lone activity is applied at once.
     */
    private void poll() {
        vertx.cancelTimer(pollTimer);
        pollTimer = -1;
        if (stopping || claiming || batches >= settings.parallelBatches()) {
            return;
        }
        claiming = true;
        again = false;
        Instant now = clock.instant();
        store.claim(pool, settings.batchSize(), now, now.plus(settings.lease()))
                .onComplete(ar -> context.runOnContext(v -> claimed(ar.succeeded() ? ar.result() : List.of(), ar.cause())));
    }

    private void claimed(List<Claimed> claimed, Throwable failure) {
        claiming = false;
        if (failure != null) {
            LOG.warn("could not claim inbox activities: {}", failure.getMessage());
        }
        if (!claimed.isEmpty()) {
            batches++;
            process(claimed).onComplete(ar -> context.runOnContext(v -> processed()));
        }
        if (stopping) {
            settleIfIdle();
        } else if (claimed.size() >= settings.batchSize() || again) {
            poll();
        } else if (batches == 0) {
            later();
        }
    }

    private void processed() {
        batches--;
        if (stopping) {
            settleIfIdle();
            return;
        }
        // Whatever the last claim found, look again now that a slot is free; if nothing is due and
        // nothing is in process, look again after the interval.
        poll();
        if (!claiming && batches == 0) {
            later();
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
        if (!claiming && batches == 0 && idle != null) {
            idle.tryComplete();
        }
    }

    // --- processing a batch --------------------------------------------------------------------

    /**
     * One claimed activity, read, looked up and prepared by its handlers: their writes to offer it
     * to in turn, or its outcome decided already, or the failure of its preparation.
     */
    private record Ready(Claimed claimed, List<Prepared> writes, Outcome decided, Throwable failure) {
        static Ready decided(Claimed claimed, Outcome outcome) {
            return new Ready(claimed, List.of(), outcome, null);
        }

        static Ready failed(Claimed claimed, Throwable failure) {
            return new Ready(claimed, List.of(), null, failure);
        }
    }

    /** What the transaction of a batch decided for one activity. */
    private record Decided(Claimed claimed, Outcome outcome) {
    }

    /** Applies a batch in one transaction; if that fails, applies its activities one per transaction. */
    private Future<Void> process(List<Claimed> batch) {
        return prepare(batch)
                .compose(ready -> {
                    List<Ready> applicable = new ArrayList<>(ready.size());
                    List<Future<Void>> failures = new ArrayList<>();
                    for (Ready r : ready) {
                        if (r.failure() != null) {
                            failures.add(failed(r.claimed(), r.failure()));
                        } else {
                            applicable.add(r);
                        }
                    }
                    Future<Void> applied = applicable.isEmpty() ? Future.succeededFuture() : apply(applicable)
                            .recover(e -> {
                                List<Claimed> claimed = applicable.stream().map(Ready::claimed).toList();
                                if (claimed.size() == 1) {
                                    return failed(claimed.get(0), e);
                                }
                                LOG.debug("a batch of {} inbox activities failed ({}), applying them one by one",
                                        claimed.size(), e.getMessage());
                                return oneByOne(claimed, 0);
                            });
                    failures.add(applied);
                    return Future.join(failures).<Void>mapEmpty();
                })
                .recover(e -> batch.size() == 1 ? failed(batch.get(0), e) : oneByOne(batch, 0));
    }

    private Future<Void> oneByOne(List<Claimed> batch, int index) {
        if (index == batch.size()) {
            return Future.succeededFuture();
        }
        return process(List.of(batch.get(index))).compose(v -> oneByOne(batch, index + 1));
    }

    /**
     * Everything that does not write, done before any transaction is opened: reading the bodies,
     * looking up the batch's senders and inbox owners (one query), and the handlers' preparations,
     * which may fetch from other servers.
     */
    private Future<List<Ready>> prepare(List<Claimed> batch) {
        Set<String> senders = new HashSet<>();
        Set<Long> owners = new HashSet<>();
        for (Claimed c : batch) {
            senders.add(c.actorUri());
            if (c.inboxOwnerId() != null) {
                owners.add(c.inboxOwnerId());
            }
        }
        return actors.byUrisOrIds(pool, senders, owners).compose(found -> {
            Map<String, CachedActor> byUri = new HashMap<>();
            Map<Long, CachedActor> byId = new HashMap<>();
            for (CachedActor a : found) {
                byUri.put(a.actor().uri(), a);
                byId.put(a.actor().id(), a);
            }
            List<Future<Ready>> ready = new ArrayList<>(batch.size());
            for (Claimed c : batch) {
                ready.add(prepare(c, byUri.get(c.actorUri()),
                        c.inboxOwnerId() == null ? null : byId.get(c.inboxOwnerId())));
            }
            return Future.all(ready).map(all -> all.<Ready>list());
        });
    }

    /** Never fails: a failed preparation is the activity's own outcome, not its batch's. */
    private Future<Ready> prepare(Claimed claimed, CachedActor sender, CachedActor owner) {
        JsonNode body;
        try {
            body = JSON.readTree(claimed.body());
        } catch (Exception e) {
            return Future.succeededFuture(Ready.decided(claimed,
                    new Outcome.Refused("the stored body cannot be read: " + e.getMessage())));
        }
        Parsed<Activity> parsed = Activity.parse(body);
        if (!(parsed instanceof Parsed.Ok<Activity> ok)) {
            return Future.succeededFuture(Ready.decided(claimed,
                    new Outcome.Refused("not an activity: " + parsed.failure().orElse("?"))));
        }
        Activity activity = ok.value();
        List<ActivityHandler> candidates = handlers.forTypes(activity.types());
        if (candidates.isEmpty()) {
            return Future.succeededFuture(Ready.decided(claimed,
                    new Outcome.Ignored("no handler for " + String.join(", ", activity.types()))));
        }
        if (sender == null) {
            return Future.succeededFuture(Ready.decided(claimed,
                    new Outcome.Ignored("the sender " + claimed.actorUri() + " is no longer known")));
        }
        Decision decision = policies.decide(sender.actor().domain());
        if (decision.rejected()) {
            return Future.succeededFuture(Ready.decided(claimed,
                    new Outcome.Ignored("the sender's domain is now refused: " + decision.why())));
        }
        InboundActivity inbound = new InboundActivity(claimed.id(), activity, body, sender.actor(),
                Optional.ofNullable(owner).map(CachedActor::actor), decision.verdict() == Decision.Verdict.SILENCE);
        List<Future<Prepared>> writes = new ArrayList<>(candidates.size());
        for (ActivityHandler candidate : candidates) {
            // A handler that throws instead of failing its future fails this activity only.
            writes.add(Future.succeededFuture().compose(v -> candidate.prepare(pool, inbound)));
        }
        return Future.all(writes)
                .map(all -> new Ready(claimed, all.<Prepared>list(), null, null))
                .otherwise(e -> Ready.failed(claimed, e));
    }

    /** The transaction of a batch: lock, apply each activity still pending in turn, record all outcomes. */
    private Future<Void> apply(List<Ready> batch) {
        List<Long> ids = batch.stream().map(r -> r.claimed().id()).toList();
        return pool.withTransaction(tx -> store.lockPending(tx, ids)
                        .compose(pending -> applyEach(tx, batch, pending, 0, new ArrayList<>()))
                        .compose(decided -> record(tx, decided).map(decided)))
                .onSuccess(decided -> {
                    if (decided.stream().anyMatch(d -> d.outcome() instanceof Outcome.Applied)) {
                        afterApplied.run();
                    }
                    decided.forEach(this::log);
                })
                .mapEmpty();
    }

    private Future<List<Decided>> applyEach(SqlConnection tx, List<Ready> batch, Set<Long> pending, int index,
                                            List<Decided> decided) {
        if (index == batch.size()) {
            return Future.succeededFuture(decided);
        }
        Ready r = batch.get(index);
        if (!pending.contains(r.claimed().id())) {
            return applyEach(tx, batch, pending, index + 1, decided);
        }
        Future<Outcome> outcome = r.decided() != null
                ? Future.succeededFuture(r.decided())
                : offer(tx, r.writes(), 0);
        return outcome.compose(o -> {
            decided.add(new Decided(r.claimed(), o));
            return applyEach(tx, batch, pending, index + 1, decided);
        });
    }

    /** Offers the activity to each candidate in turn until one does not ignore it. */
    private Future<Outcome> offer(SqlConnection tx, List<Prepared> candidates, int index) {
        return candidates.get(index).write(tx).compose(outcome ->
                outcome instanceof Outcome.Ignored && index + 1 < candidates.size()
                        ? offer(tx, candidates, index + 1)
                        : Future.succeededFuture(outcome));
    }

    private Future<Void> record(SqlConnection tx, List<Decided> decided) {
        return store.finishAll(tx, decided.stream().map(InboxWorker::finishedOf).toList(), clock.instant());
    }

    private static InboxStore.Finished finishedOf(Decided d) {
        long id = d.claimed().id();
        if (d.outcome() instanceof Outcome.Applied) {
            return new InboxStore.Finished(id, State.PROCESSED, null);
        }
        if (d.outcome() instanceof Outcome.Ignored ignored) {
            return new InboxStore.Finished(id, State.IGNORED, ignored.why());
        }
        return new InboxStore.Finished(id, State.FAILED, "refused: " + ((Outcome.Refused) d.outcome()).why());
    }

    private void log(Decided d) {
        Claimed claimed = d.claimed();
        if (d.outcome() instanceof Outcome.Ignored ignored) {
            LOG.debug("inbox activity {} ignored: {}", claimed.id(), ignored.why());
        } else if (d.outcome() instanceof Outcome.Refused refused) {
            LOG.info("inbox activity {} ({} from {}) refused: {}", claimed.id(), claimed.type(), claimed.actorUri(), refused.why());
        }
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
