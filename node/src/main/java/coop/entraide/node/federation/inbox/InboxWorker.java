package coop.entraide.node.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.entraide.node.federation.actors.ActorStore;
import coop.entraide.node.federation.actors.CachedActor;
import coop.entraide.node.federation.inbox.ActivityHandler.Gathered;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through what the inboxes stored. Deploy one per process; several processes on one database
 * share the work.
 *
 * <p>A worker takes its batches from two places: what this process's inboxes hand over in memory
 * as they store it ({@link InboxHandOff}: already leased, parsed, its sender known), and, for
 * everything else (retries, activities stored while the hand-off was full, those of another
 * process or of one that died), due activities it claims under a lease
 * ({@code FOR UPDATE SKIP LOCKED}). It processes each batch in two steps:
 * <ol>
 *   <li><b>prepare</b>, outside any transaction: reads each claimed body once, finds its handlers,
 *       looks up the senders and inbox owners of the whole batch in one query, and lets the handlers
 *       {@linkplain ActivityHandler#prepare prepare} each activity (fetching from other servers
 *       what they need), so that a slow remote holds no connection and no row lock. A preparation
 *       that fails (a server that cannot answer now) fails its activity alone, which is tried
 *       again later; the rest of the batch goes on;</li>
 *   <li><b>apply</b>, in one transaction for the whole batch: locks the rows and keeps those still
 *       pending, hands each activity in turn to the {@link ActivityHandler}s registered for its
 *       type, and records all outcomes in the same transaction as the handlers' writes.</li>
 * </ol>
 * A batch whose activities were all decided in preparation (ignored or refused, nothing to write)
 * has its outcomes recorded in one statement, without a transaction.
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
    private static final long GATHER_MILLIS = 20;

    private final Pool pool;
    private final InboxStore store;
    private final ActivityHandlers handlers;
    private final DomainPolicies policies;
    private final InboxSettings settings;
    private final Clock clock;
    private final ActorStore actors = new ActorStore();
    private final Runnable afterApplied;

    private final InboxHandOff handOff;

    private boolean claiming;
    private int batches;
    /** The table may hold due activities: this process stored some it could not hand over, or a claim came back full. */
    private boolean again;
    /** When both hand-off and table have work, they take turns, so that neither waits behind the other. */
    private boolean tableNext;
    private long lastClaim;
    /** Batches from the hand-off in process. */
    private int handedBatches;
    /** Set once the hand-off's waiting activities have gathered long enough to go as a smaller batch. */
    private boolean gathered;
    private long gatherTimer = -1;
    private final AtomicBoolean handOffWake = new AtomicBoolean();
    private boolean stopping;
    private long pollTimer = -1;
    private long maintenanceTimer = -1;
    private Promise<Void> idle;

    public InboxWorker(Pool pool, InboxStore store, ActivityHandlers handlers, DomainPolicies policies,
                       InboxSettings settings, Clock clock) {
        this(pool, store, handlers, policies, settings, clock, () -> { }, null);
    }

    /**
     * @param afterApplied run once a transaction that applied activities has committed: what their
     *                     handlers enqueued (an {@code Accept} for a {@code Follow}…) can be sent now
     * @param handOff      where this process's inboxes hand over what they store; null for a
     *                     worker that only claims from the table
     */
    InboxWorker(Pool pool, InboxStore store, ActivityHandlers handlers, DomainPolicies policies,
                InboxSettings settings, Clock clock, Runnable afterApplied, InboxHandOff handOff) {
        this.afterApplied = afterApplied;
        this.pool = pool;
        this.store = store;
        this.handlers = handlers;
        this.policies = policies;
        this.settings = settings;
        this.clock = clock;
        this.handOff = handOff;
    }

    @Override
    public Future<?> start() {
        maintenanceTimer = vertx.setPeriodic(settings.maintenanceInterval().toMillis(), id -> maintain());
        again = true;
        poll();
        if (handOff != null) {
            handOff.open(() -> {
                // One wake-up for all that arrives before the worker runs, not one per activity.
                if (handOffWake.compareAndSet(false, true)) {
                    context.runOnContext(v -> {
                        handOffWake.set(false);
                        poll();
                    });
                }
            });
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        if (handOff != null) {
            handOff.close();
        }
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(gatherTimer);
        vertx.cancelTimer(maintenanceTimer);
        if (!claiming && batches == 0) {
            return Future.succeededFuture();
        }
        idle = Promise.promise();
        return idle.future().timeout(10, TimeUnit.SECONDS).recover(e -> Future.succeededFuture());
    }

    /** Asks the worker to look for due activities in the table now (this process just stored one there). */
    public void wake() {
        if (context != null) {
            context.runOnContext(v -> {
                again = true;
                poll();
            });
        }
    }

    // --- finding work --------------------------------------------------------------------------

    /**
     * Keeps up to {@code parallelBatches} batches in process (a claim under way counts as one),
     * starting the next as soon as one slot is free: under load the activities that arrive while a
     * batch is applied make the next batch, so batches grow with the load and a lone activity is
     * applied at once. A batch is taken from the hand-off when it holds anything; the table is
     * claimed from when it may hold due activities: when told so, when the last claim came back
     * full, and at least every {@code pollInterval} (retries come due, another process died).
     */
    private void poll() {
        vertx.cancelTimer(pollTimer);
        pollTimer = -1;
        while (!stopping && batches + (claiming ? 1 : 0) < settings.parallelBatches()) {
            boolean claimDue = !claiming && (again
                    || System.nanoTime() - lastClaim >= settings.pollInterval().toNanos());
            boolean handedWaiting = handOff != null && !handOff.isEmpty();
            if (claimDue && (tableNext || !handedWaiting)) {
                tableNext = false;
                claim();
                continue;
            }
            if (handedWaiting && handedBatches > 0 && !gathered && handOff.waiting() < settings.batchSize()) {
                gatherLater();
                break;
            }
            List<InboxHandOff.Handed> handed = handedWaiting ? handOff.take(settings.batchSize()) : List.of();
            if (handed.isEmpty()) {
                break;
            }
            tableNext = true;
            gathered = false;
            vertx.cancelTimer(gatherTimer);
            gatherTimer = -1;
            handedBatches++;
            List<Job> batch = new ArrayList<>(handed.size());
            handed.forEach(h -> batch.add(Job.of(h)));
            // In the order they were stored, as claimed batches are.
            batch.sort(Comparator.comparingLong(j -> j.row().id()));
            start(batch).onComplete(ar -> handedBatches--);
        }
        if (!stopping && !claiming && batches == 0) {
            later();
        }
    }

    /**
     * While a batch from the hand-off is in process, what arrives waits for a full batch, or for
     * {@value #GATHER_MILLIS} ms: under load, fewer and fuller batches cost the database less per
     * activity than many small ones; a lone activity is still taken at once.
     */
    private void gatherLater() {
        if (gatherTimer == -1) {
            gatherTimer = vertx.setTimer(GATHER_MILLIS, id -> {
                gatherTimer = -1;
                gathered = true;
                poll();
            });
        }
    }

    private void claim() {
        claiming = true;
        again = false;
        lastClaim = System.nanoTime();
        Instant now = clock.instant();
        store.claim(pool, settings.batchSize(), now, now.plus(settings.lease()))
                .onComplete(ar -> context.runOnContext(v -> claimed(ar.succeeded() ? ar.result() : List.of(), ar.cause())));
    }

    private void claimed(List<Claimed> claimed, Throwable failure) {
        claiming = false;
        if (failure != null) {
            LOG.warn("could not claim inbox activities: {}", failure.getMessage());
        }
        if (claimed.size() >= settings.batchSize()) {
            again = true;
        }
        if (!claimed.isEmpty()) {
            start(claimed.stream().map(Job::of).toList());
        }
        if (stopping) {
            settleIfIdle();
        } else {
            poll();
        }
    }

    private Future<Void> start(List<Job> batch) {
        batches++;
        Promise<Void> done = Promise.promise();
        process(batch).onComplete(ar -> context.runOnContext(v -> {
            done.complete();
            processed();
        }));
        return done.future();
    }

    private void processed() {
        batches--;
        if (stopping) {
            settleIfIdle();
            return;
        }
        poll();
    }

    private void later() {
        if (pollTimer == -1) {
            pollTimer = vertx.setTimer(Math.max(1, settings.pollInterval().toMillis()), id -> {
                pollTimer = -1;
                again = true;
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
     * An activity to process: claimed from the table, or handed over by this process's inbox with
     * what it already knows ({@code handed}), which spares reading and parsing it again.
     */
    private record Job(Claimed row, InboxHandOff.Handed handed) {
        static Job of(Claimed claimed) {
            return new Job(claimed, null);
        }

        /** A fresh row: never attempted, its body not read back from the table. */
        static Job of(InboxHandOff.Handed handed) {
            return new Job(new Claimed(handed.row(), handed.sender().uri(), handed.activity().type(), null,
                    handed.inboxOwnerId(), 0), handed);
        }
    }

    /**
     * One activity, read, looked up and prepared by its handlers: their writes to offer it to in
     * turn, or its outcome decided already, or the failure of its preparation.
     */
    private record Ready(Job job, List<Prepared> writes, Outcome decided, Throwable failure) {
        static Ready decided(Job job, Outcome outcome) {
            return new Ready(job, List.of(), outcome, null);
        }

        static Ready failed(Job job, Throwable failure) {
            return new Ready(job, List.of(), null, failure);
        }

        Claimed claimed() {
            return job.row();
        }
    }

    /** What the transaction of a batch decided for one activity. */
    private record Decided(Claimed claimed, Outcome outcome) {
    }

    /** Applies a batch in one transaction; if that fails, applies its activities one per transaction. */
    private Future<Void> process(List<Job> batch) {
        return prepare(batch)
                .compose(this::applyPrepared)
                .recover(e -> separately(batch, e));
    }

    /** Counts a failed preparation against its activity alone, and applies the rest of the batch together. */
    private Future<Void> applyPrepared(List<Ready> ready) {
        List<Ready> applicable = new ArrayList<>(ready.size());
        List<Future<Void>> done = new ArrayList<>();
        for (Ready r : ready) {
            if (r.failure() != null) {
                done.add(failed(r.claimed(), r.failure()));
            } else {
                applicable.add(r);
            }
        }
        done.add(applyTogether(applicable));
        return Future.join(done).mapEmpty();
    }

    /**
     * Records the outcomes at once when preparation decided them all; otherwise applies the
     * activities in one transaction, and one per transaction if that fails.
     */
    private Future<Void> applyTogether(List<Ready> applicable) {
        if (applicable.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Decided> decided = new ArrayList<>(applicable.size());
        for (Ready r : applicable) {
            Outcome outcome = decidedWithoutWrites(r);
            if (outcome == null) {
                return apply(applicable).recover(e -> separately(applicable.stream().map(Ready::job).toList(), e));
            }
            decided.add(new Decided(r.claimed(), outcome));
        }
        return finishDecided(decided);
    }

    /** After a batch failed: a lone activity counts the failure, several are applied again one by one. */
    private Future<Void> separately(List<Job> jobs, Throwable e) {
        if (jobs.size() == 1) {
            return failed(jobs.get(0).row(), e);
        }
        LOG.debug("a batch of {} inbox activities failed ({}), applying them one by one", jobs.size(), e.getMessage());
        return oneByOne(jobs, 0);
    }

    private Future<Void> oneByOne(List<Job> batch, int index) {
        if (index == batch.size()) {
            return Future.succeededFuture();
        }
        return process(List.of(batch.get(index))).compose(v -> oneByOne(batch, index + 1));
    }

    /**
     * Everything that does not write, done before any transaction is opened: reading the bodies of
     * claimed activities, looking up the senders the inbox did not hand over and the inbox owners
     * (one query for the batch), and the handlers' preparations, which may fetch from other servers.
     */
    private Future<List<Ready>> prepare(List<Job> batch) {
        Set<String> senders = new HashSet<>();
        Set<Long> owners = new HashSet<>();
        for (Job j : batch) {
            if (j.handed() == null) {
                senders.add(j.row().actorUri());
            }
            if (j.row().inboxOwnerId() != null) {
                owners.add(j.row().inboxOwnerId());
            }
        }
        Future<List<CachedActor>> lookup = senders.isEmpty() && owners.isEmpty()
                ? Future.succeededFuture(List.of())
                : actors.byUrisOrIds(pool, senders, owners);
        return lookup.compose(found -> {
            Map<String, CachedActor> byUri = new HashMap<>();
            Map<Long, CachedActor> byId = new HashMap<>();
            for (CachedActor a : found) {
                byUri.put(a.actor().uri(), a);
                byId.put(a.actor().id(), a);
            }
            List<Read> read = new ArrayList<>(batch.size());
            for (Job j : batch) {
                Claimed c = j.row();
                Actor sender = j.handed() != null ? j.handed().sender() : actorOf(byUri.get(c.actorUri()));
                read.add(read(j, sender, c.inboxOwnerId() == null ? null : actorOf(byId.get(c.inboxOwnerId()))));
            }
            return prepareWrites(read);
        });
    }

    private static Actor actorOf(CachedActor cached) {
        return cached == null ? null : cached.actor();
    }

    /**
     * An activity read and checked: the activity and the handlers to prepare it, or its outcome
     * when no handler need be asked ({@code decided}).
     */
    private record Read(Job job, InboundActivity inbound, List<ActivityHandler> candidates, Outcome decided) {
        static Read decided(Job job, Outcome outcome) {
            return new Read(job, null, List.of(), outcome);
        }
    }

    private Read read(Job job, Actor sender, Actor owner) {
        Claimed claimed = job.row();
        JsonNode body;
        Activity activity;
        if (job.handed() != null) {
            body = job.handed().body();
            activity = job.handed().activity();
        } else {
            try {
                body = JSON.readTree(claimed.body());
            } catch (Exception e) {
                return Read.decided(job, new Outcome.Refused("the stored body cannot be read: " + e.getMessage()));
            }
            Parsed<Activity> parsed = Activity.parse(body);
            if (!(parsed instanceof Parsed.Ok<Activity> ok)) {
                return Read.decided(job, new Outcome.Refused("not an activity: " + parsed.failure().orElse("?")));
            }
            activity = ok.value();
        }
        List<ActivityHandler> candidates = handlers.forTypes(activity.types());
        if (candidates.isEmpty()) {
            return Read.decided(job, new Outcome.Ignored("no handler for " + String.join(", ", activity.types())));
        }
        if (sender == null) {
            return Read.decided(job, new Outcome.Ignored("the sender " + claimed.actorUri() + " is no longer known"));
        }
        Decision decision = policies.decide(sender.domain());
        if (decision.rejected()) {
            return Read.decided(job, new Outcome.Ignored("the sender's domain is now refused: " + decision.why()));
        }
        InboundActivity inbound = new InboundActivity(claimed.id(), activity, body, sender,
                Optional.ofNullable(owner), decision.verdict() == Decision.Verdict.SILENCE);
        return new Read(job, inbound, candidates, null);
    }

    /**
     * Each handler prepares, in one call, the activities of the batch it takes, so that it can ask
     * the database once for all of them. Never fails: a failed preparation is the activity's own
     * outcome, not its batch's.
     */
    private Future<List<Ready>> prepareWrites(List<Read> batch) {
        List<InboundActivity> inbound = new ArrayList<>(batch.size());
        Map<ActivityHandler, List<Read>> byHandler = new LinkedHashMap<>();
        for (Read r : batch) {
            if (r.decided() == null) {
                inbound.add(r.inbound());
                r.candidates().forEach(h -> byHandler.computeIfAbsent(h, k -> new ArrayList<>()).add(r));
            }
        }
        Map<Read, Map<ActivityHandler, Future<Prepared>>> prepared = new IdentityHashMap<>();
        byHandler.forEach((handler, reads) -> {
            List<Future<Prepared>> futures = prepareAll(handler, reads.stream().map(Read::inbound).toList(), inbound);
            for (int i = 0; i < reads.size(); i++) {
                prepared.computeIfAbsent(reads.get(i), r -> new IdentityHashMap<>()).put(handler, futures.get(i));
            }
        });
        List<Future<Ready>> ready = new ArrayList<>(batch.size());
        for (Read r : batch) {
            if (r.decided() != null) {
                ready.add(Future.succeededFuture(Ready.decided(r.job(), r.decided())));
                continue;
            }
            List<Future<Prepared>> writes = new ArrayList<>(r.candidates().size());
            r.candidates().forEach(h -> writes.add(prepared.get(r).get(h)));
            ready.add(Future.all(writes)
                    .map(all -> new Ready(r.job(), all.<Prepared>list(), null, null))
                    .otherwise(e -> Ready.failed(r.job(), e)));
        }
        return Future.all(ready).map(all -> all.<Ready>list());
    }

    /** One future per activity, whatever the handler does: one that throws or miscounts fails its activities. */
    private List<Future<Prepared>> prepareAll(ActivityHandler handler, List<InboundActivity> mine, List<InboundActivity> batch) {
        List<Future<Prepared>> futures;
        try {
            futures = handler.prepareAll(pool, mine, batch);
        } catch (RuntimeException e) {
            futures = null;
            LOG.warn("{} failed to prepare {} inbox activities", handler.getClass().getSimpleName(), mine.size(), e);
        }
        if (futures != null && futures.size() == mine.size() && !futures.contains(null)) {
            return futures;
        }
        Future<Prepared> failed = Future.failedFuture(new IllegalStateException(
                handler.getClass().getSimpleName() + " did not prepare each activity of its batch"));
        return Collections.nCopies(mine.size(), failed);
    }

    /**
     * The outcome of an activity when its preparation decided it without writing: every handler it
     * is offered to before one decides has answered {@link Prepared.Decided}. Null when it must be
     * written in a transaction.
     */
    private static Outcome decidedWithoutWrites(Ready ready) {
        if (ready.decided() != null) {
            return ready.decided();
        }
        List<Prepared> writes = ready.writes();
        for (int i = 0; i < writes.size(); i++) {
            if (!(writes.get(i) instanceof Prepared.Decided d)) {
                return null;
            }
            if (!(d.outcome() instanceof Outcome.Ignored) || i + 1 == writes.size()) {
                return d.outcome();
            }
        }
        return null;
    }

    /**
     * Records the outcomes of a batch whose activities were all decided in preparation: one
     * statement, no transaction. It changes only rows still pending, so a row that another
     * worker finished meanwhile keeps what that worker recorded.
     */
    private Future<Void> finishDecided(List<Decided> decided) {
        return store.finishAll(pool, decided.stream().map(InboxWorker::finishedOf).toList(), clock.instant())
                .onSuccess(v -> committed(decided));
    }

    /** The transaction of a batch: lock, apply each activity still pending in turn, record all outcomes. */
    private Future<Void> apply(List<Ready> batch) {
        List<Long> ids = batch.stream().map(r -> r.claimed().id()).toList();
        Set<Gathered> gathered = Collections.newSetFromMap(new LinkedHashMap<>());
        return pool.withTransaction(tx -> store.lockPending(tx, ids)
                        .compose(pending -> applyEach(tx, batch, pending, 0, new ArrayList<>(), gathered))
                        .compose(decided -> finishGathered(tx, List.copyOf(gathered), 0).map(decided))
                        .compose(decided -> record(tx, decided).map(decided)))
                .onSuccess(this::committed)
                .mapEmpty();
    }

    /** Once outcomes are recorded: what applied activities enqueued can be sent, and each outcome is logged. */
    private void committed(List<Decided> decided) {
        if (decided.stream().anyMatch(d -> d.outcome() instanceof Outcome.Applied)) {
            afterApplied.run();
        }
        decided.forEach(this::log);
    }

    private Future<List<Decided>> applyEach(SqlConnection tx, List<Ready> batch, Set<Long> pending, int index,
                                            List<Decided> decided, Set<Gathered> gathered) {
        if (index == batch.size()) {
            return Future.succeededFuture(decided);
        }
        Ready r = batch.get(index);
        if (!pending.contains(r.claimed().id())) {
            return applyEach(tx, batch, pending, index + 1, decided, gathered);
        }
        Future<Outcome> outcome = r.decided() != null
                ? Future.succeededFuture(r.decided())
                : offer(tx, r.writes(), 0, gathered);
        return outcome.compose(o -> {
            decided.add(new Decided(r.claimed(), o));
            return applyEach(tx, batch, pending, index + 1, decided, gathered);
        });
    }

    /** Offers the activity to each candidate in turn until one does not ignore it. */
    private Future<Outcome> offer(SqlConnection tx, List<Prepared> candidates, int index, Set<Gathered> gathered) {
        Prepared candidate = candidates.get(index);
        return candidate.write(tx).compose(outcome -> {
            if (candidate.gathered() != null) {
                gathered.add(candidate.gathered());
            }
            return outcome instanceof Outcome.Ignored && index + 1 < candidates.size()
                    ? offer(tx, candidates, index + 1, gathered)
                    : Future.succeededFuture(outcome);
        });
    }

    /** The writes the batch's activities left to be made together, once each, in the order first met. */
    private static Future<Void> finishGathered(SqlConnection tx, List<Gathered> gathered, int index) {
        if (index == gathered.size()) {
            return Future.succeededFuture();
        }
        return gathered.get(index).finish(tx).compose(v -> finishGathered(tx, gathered, index + 1));
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
