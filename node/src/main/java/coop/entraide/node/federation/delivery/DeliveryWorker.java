package coop.entraide.node.federation.delivery;

import coop.entraide.node.federation.fetch.FetchRequest;
import coop.entraide.node.federation.fetch.FetchResult;
import coop.entraide.node.federation.fetch.RequestSigner;
import coop.entraide.node.federation.fetch.SafeFetcher;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the {@link DeliveryQueue} holds. Deploy one per process; several processes on one
 * database share the work, since each claims jobs under a lease that others skip.
 *
 * <p>A worker claims due jobs in batches (never more than {@code maxInFlight} at once), sends them
 * concurrently through the {@link SafeFetcher} with at most {@code maxInFlightPerHost} open requests
 * per server, and records each outcome: delivered, retried later after the {@link RetrySchedule}
 * (and any {@code Retry-After}), or failed for good. Signing happens inside the fetcher, off the
 * event loop, once per (activity, inbox) request. If the process dies, its leases run out and the
 * jobs are taken again: delivery is at least once.
 *
 * <p>All state lives on the verticle's event loop; callbacks from elsewhere hop back onto it.
 */
public final class DeliveryWorker extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final String CONTENT_TYPE = "application/activity+json";
    /** How long a delivered job waits for others before its batch is recorded. */
    private static final long RECORD_DELAY_MILLIS = 5;

    private final Pool pool;
    private final DeliveryQueue queue;
    private final SafeFetcher fetcher;
    private final ActorSigners signers;
    private final DeliverySettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final Optional<LeaseOwner> owner;
    private final String workerId;

    private final Map<String, HostLane> lanes = new HashMap<>();
    /** Written on the event loop only; read elsewhere by {@link Intake#reserve}, where a stale value does little harm. */
    private volatile int active;
    private long claims;
    private boolean claiming;
    private boolean moreMayBeDue;
    private boolean wokenWhileClaiming;
    private volatile boolean stopping;
    private final Intake intake = new Intake();
    private long pollTimer = -1;
    private long maintenanceTimer = -1;
    private Promise<Void> drained;

    /** Outcomes waiting to be recorded together, and whether a batch is being written now. */
    private List<Pending<DeliveryQueue.Delivered>> delivered = new ArrayList<>();
    private List<Pending<DeliveryQueue.Unsent>> unsent = new ArrayList<>();
    private boolean recording;
    private long recordTimer = -1;

    /** A job's outcome not stored yet. */
    private record Pending<T>(long job, T outcome, Promise<Boolean> recorded) {
    }

    /** Jobs of one server: those being sent and those waiting for a free slot. */
    private static final class HostLane {
        int sending;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    }

    /** The activities and signers one claimed batch needs, looked up once per batch. */
    private record Batch(List<ClaimedJob> jobs, Map<Long, StoredActivity> activities, Map<String, Future<RequestSigner>> signers) {
    }

    /** A worker with no identity beyond this process: jobs it leaves leased wait for their lease to run out. */
    public DeliveryWorker(Pool pool, DeliveryQueue queue, SafeFetcher fetcher, ActorSigners signers,
                          DeliverySettings settings, Clock clock) {
        this(pool, queue, fetcher, signers, settings, clock, Optional.empty());
    }

    /**
     * A worker for a process that owns {@code owner}: at start it takes back at once the jobs an
     * earlier process of the same owner left leased, since that process is dead (two live processes
     * never share an owner, see {@link LeaseOwner}). A node restarted after a crash resumes its
     * fan-out without waiting for the leases to run out.
     */
    public DeliveryWorker(Pool pool, DeliveryQueue queue, SafeFetcher fetcher, ActorSigners signers,
                          DeliverySettings settings, Clock clock, LeaseOwner owner) {
        this(pool, queue, fetcher, signers, settings, clock, Optional.of(owner));
    }

    private DeliveryWorker(Pool pool, DeliveryQueue queue, SafeFetcher fetcher, ActorSigners signers,
                           DeliverySettings settings, Clock clock, Optional<LeaseOwner> owner) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.signers = Objects.requireNonNull(signers, "signers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = RandomGenerator.getDefault();
        this.owner = owner;
        String run = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.workerId = owner.map(o -> o.prefix() + run).orElse(run);
    }

    @Override
    public Future<?> start() {
        queue.handOffTo(intake);
        maintenanceTimer = vertx.setPeriodic(settings.maintenanceInterval().toMillis(), id -> maintain());
        Future<Integer> released = owner.isPresent()
                ? queue.releaseAbandoned(pool, owner.get().prefix(), workerId + "/")
                : Future.succeededFuture(0);
        released.onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("could not take back the deliveries of an earlier run: {}", ar.cause().getMessage());
            } else if (ar.result() > 0) {
                LOG.info("took back {} deliveries an earlier run of this node left unfinished", ar.result());
            }
            poll();
        });
        return Future.succeededFuture();
    }

    /**
     * Stops claiming, hands back jobs still waiting for a slot, and waits (a little) for requests
     * already sent; whatever does not finish in time is taken again when its lease runs out.
     */
    @Override
    public Future<?> stop() {
        stopping = true;
        queue.stopHandingOffTo(intake);
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(maintenanceTimer);
        for (HostLane lane : lanes.values()) {
            while (!lane.waiting.isEmpty()) {
                lane.waiting.poll().run();
            }
        }
        if (active == 0) {
            return Future.succeededFuture();
        }
        drained = Promise.promise();
        return drained.future().timeout(10, TimeUnit.SECONDS).recover(e -> Future.succeededFuture());
    }

    /**
     * Asks the worker to look for due jobs now, e.g. right after a transaction enqueued some. Jobs
     * handed over at enqueueing need no claim: when every job queued since the last claim was, this
     * does nothing (the worker still looks on its own every poll interval).
     */
    public void wake() {
        if (context != null && intake.unleased.get()) {
            context.runOnContext(v -> {
                moreMayBeDue = true;
                wokenWhileClaiming |= claiming;
                poll();
            });
        }
    }

    /** Jobs this worker holds right now (sending or waiting for a per-server slot). */
    public int active() {
        return active;
    }

    // --- claiming ------------------------------------------------------------------------------

    private void poll() {
        vertx.cancelTimer(pollTimer);
        pollTimer = -1;
        if (stopping || claiming) {
            return;
        }
        int room = Math.min(settings.batchSize(), room());
        if (room <= 0) {
            moreMayBeDue = true; // a finishing job polls again
            return;
        }
        claiming = true;
        intake.unleased.set(false);
        String lease = workerId + "/" + (++claims);
        queue.claim(pool, lease, room)
                .compose(this::prepare)
                .onComplete(ar -> context.runOnContext(v -> claimed(ar, room)));
    }

    private Future<Batch> prepare(List<ClaimedJob> jobs) {
        if (jobs.isEmpty()) {
            return Future.succeededFuture(new Batch(jobs, Map.of(), Map.of()));
        }
        Set<Long> ids = new LinkedHashSet<>();
        jobs.forEach(j -> ids.add(j.activity()));
        return queue.activities(pool, ids).map(activities -> new Batch(jobs, activities, new HashMap<>()));
    }

    private void claimed(AsyncResult<Batch> ar, int asked) {
        claiming = false;
        if (ar.failed()) {
            LOG.warn("could not claim deliveries: {}", ar.cause().getMessage());
            later();
            return;
        }
        Batch batch = ar.result();
        for (ClaimedJob job : batch.jobs()) {
            active++;
            dispatch(batch, job);
        }
        // A claim takes at most maxClaimedPerHost jobs of a server, so one that found any may have
        // left due jobs behind even when it is not full (a wave of Follows from one server queues
        // its Accepts one after the other): look again as soon as there is room, and wait for the
        // poll interval only after a claim that found nothing. A wake during the claim may be for
        // jobs committed after it looked: look again too.
        moreMayBeDue = !batch.jobs().isEmpty() || wokenWhileClaiming;
        wokenWhileClaiming = false;
        if (!moreMayBeDue) {
            later();
        } else if (batch.jobs().size() < asked || room() >= claimStep()) {
            poll();
        }
    }

    /** Jobs the worker can take on: its limit, less those it holds and those set aside for hand-offs. */
    private int room() {
        return settings.maxInFlight() - active - intake.reserved.get();
    }

    /**
     * Room needed before claiming again: a quarter of a batch, so that claims overlap with sending
     * instead of waiting for the worker to drain, without one round trip per finished job.
     */
    private int claimStep() {
        return Math.max(1, Math.min(settings.batchSize(), settings.maxInFlight()) / 4);
    }

    private void later() {
        if (!stopping && pollTimer == -1) {
            pollTimer = vertx.setTimer(Math.max(1, settings.pollInterval().toMillis()), id -> {
                pollTimer = -1;
                poll();
            });
        }
    }

    // --- sending -------------------------------------------------------------------------------

    private void dispatch(Batch batch, ClaimedJob job) {
        HostLane lane = lanes.computeIfAbsent(job.host(), h -> new HostLane());
        if (lane.sending < settings.maxInFlightPerHost()) {
            send(batch, job, lane);
        } else {
            lane.waiting.add(() -> {
                if (stopping) {
                    queue.release(pool, job).onComplete(r -> context.runOnContext(v -> {
                        freeSlot(job, lane);
                        done();
                    }));
                } else {
                    send(batch, job, lane);
                }
            });
        }
    }

    private void send(Batch batch, ClaimedJob job, HostLane lane) {
        lane.sending++;
        deliver(batch, job).onComplete(sent -> context.runOnContext(v -> {
            // The server has answered: its slot is free, whatever becomes of the bookkeeping.
            lane.sending--;
            freeSlot(job, lane);
            record(job, sent.result()).onComplete(ar -> context.runOnContext(x -> {
                if (ar.failed()) {
                    // The outcome could not be stored: the lease runs out and the job is sent again.
                    LOG.warn("delivery {} to {}: could not record the outcome: {}", job.id(), job.inbox(), ar.cause().getMessage());
                }
                done();
            }));
        }));
    }

    private void freeSlot(ClaimedJob job, HostLane lane) {
        Runnable next = lane.waiting.poll();
        if (next != null) {
            next.run();
        } else if (lane.sending == 0) {
            lanes.remove(job.host());
        }
    }

    private void done() {
        active--;
        if (stopping) {
            if (active == 0 && drained != null) {
                drained.tryComplete();
            }
        } else if (moreMayBeDue && room() >= claimStep()) {
            poll();
        }
    }

    private Future<DeliveryOutcome> deliver(Batch batch, ClaimedJob job) {
        StoredActivity activity = batch.activities().get(job.activity());
        if (activity == null) {
            return Future.succeededFuture(new DeliveryOutcome.Failed(0, "the activity is no longer stored", false));
        }
        return batch.signers().computeIfAbsent(activity.actorId(), signers::signerFor)
                .compose(signer -> fetcher.fetch(FetchRequest.post(job.inbox(), CONTENT_TYPE, activity.body())
                                .signedBy(signer)
                                .withLimits(settings.fetchLimits()))
                        .map(result -> outcomeOf(job, result)))
                .recover(e -> Future.succeededFuture(new DeliveryOutcome.Retry(0, "no signer for " + activity.actorId()
                        + ": " + e.getMessage(), false, Optional.empty())));
    }

    private DeliveryOutcome outcomeOf(ClaimedJob job, FetchResult result) {
        DeliveryOutcome outcome = DeliveryOutcome.of(result, clock.instant());
        if (LOG.isDebugEnabled()) {
            LOG.debug("delivery {} to {} (attempt {}{}): {}", job.id(), job.inbox(), job.attempts() + 1,
                    job.probe() ? ", probe" : "", outcome);
        }
        return outcome;
    }

    private Future<Boolean> record(ClaimedJob job, DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Delivered d) {
            return recordLater(delivered, job, new DeliveryQueue.Delivered(job, d.status()));
        }
        if (outcome instanceof DeliveryOutcome.Retry r) {
            int failures = job.attempts() + 1;
            Instant now = clock.instant();
            Optional<Instant> next = settings.schedule().nextAttempt(failures, now, job.expiresAt(), r.retryAfter(), random);
            DeliveryQueue.Unsent u = next.isPresent()
                    ? DeliveryQueue.Unsent.retry(job, next.get(), r.status(), r.error(), r.hostAtFault())
                    : DeliveryQueue.Unsent.failed(job, r.status(), "gave up after " + failures + " attempts; last: " + r.error(),
                            false, r.hostAtFault());
            return recordLater(unsent, job, u);
        }
        DeliveryOutcome.Failed f = (DeliveryOutcome.Failed) outcome;
        LOG.info("delivery {} to {} failed for good: {}", job.id(), job.inbox(), f.error());
        return recordLater(unsent, job, DeliveryQueue.Unsent.failed(job, f.status(), f.error(), f.hostResponded(), false));
    }

    /**
     * Room set aside for a hand-off came back without a job to send. A poll that found no room
     * while it was set aside left no timer behind, counting on a finishing job to poll again; no
     * job will finish for this room, so poll now.
     */
    private void roomGivenBack() {
        if (!stopping && moreMayBeDue && room() >= claimStep()) {
            poll();
        }
    }

    // --- jobs handed over at enqueueing ----------------------------------------------------------

    /**
     * Takes jobs from {@link DeliveryQueue#enqueue} of this process: it sets room aside while the
     * enqueueing transaction runs, and the jobs join the worker, as if claimed, once it commits.
     */
    private final class Intake implements Handoff {
        /** Room set aside for transactions that have not committed yet. */
        final AtomicInteger reserved = new AtomicInteger();
        /** Whether jobs were committed for a claim since the last claim began; true at first, to look once. */
        final AtomicBoolean unleased = new AtomicBoolean(true);
        private final AtomicLong handoffs = new AtomicLong();

        @Override
        public Optional<Reservation> reserve(List<InboxSelection.Target> targets, int perHost) {
            while (!stopping) {
                int held = reserved.get();
                int room = settings.maxInFlight() - active - held;
                if (room <= 0) {
                    return Optional.empty();
                }
                boolean[] chosen = new boolean[targets.size()];
                int count = choose(targets, perHost, room, chosen);
                if (reserved.compareAndSet(held, held + count)) {
                    return Optional.of(new Reservation(workerId + "/h" + handoffs.incrementAndGet(), chosen, count));
                }
            }
            return Optional.empty();
        }

        private static int choose(List<InboxSelection.Target> targets, int perHost, int room, boolean[] chosen) {
            if (targets.size() == 1) {
                chosen[0] = true;
                return 1;
            }
            Map<String, Integer> perServer = new HashMap<>();
            int count = 0;
            for (int i = 0; i < targets.size() && count < room; i++) {
                if (perServer.merge(targets.get(i).host(), 1, Integer::sum) <= perHost) {
                    chosen[i] = true;
                    count++;
                }
            }
            return count;
        }

        @Override
        public void take(Reservation reservation, List<ClaimedJob> jobs, StoredActivity activity) {
            context.runOnContext(v -> {
                reserved.addAndGet(-reservation.count());
                if (stopping) {
                    // Due again at once for whoever runs next; a lost release only waits for the lease.
                    jobs.forEach(job -> queue.release(pool, job));
                    return;
                }
                if (jobs.isEmpty()) {
                    roomGivenBack();
                    return;
                }
                Batch batch = new Batch(jobs, Map.of(activity.id(), activity), new HashMap<>());
                for (ClaimedJob job : jobs) {
                    active++;
                    dispatch(batch, job);
                }
            });
        }

        @Override
        public void cancel(Reservation reservation) {
            reserved.addAndGet(-reservation.count());
            context.runOnContext(v -> roomGivenBack());
        }

        @Override
        public void unleasedCommitted() {
            unleased.set(true);
            wake();
        }
    }

    // --- recording outcomes in batches ---------------------------------------------------------

    /**
     * Queues an outcome to be recorded with others, one statement for the deliveries and one for
     * the failures: a fan-out to a thousand servers then costs a handful of round trips to the
     * database instead of a thousand, whether the servers answer or not. A batch is written when
     * it is full, or a few milliseconds after its first entry, one batch at a time.
     */
    private <T> Future<Boolean> recordLater(List<Pending<T>> queue, ClaimedJob job, T outcome) {
        Promise<Boolean> recorded = Promise.promise();
        queue.add(new Pending<>(job.id(), outcome, recorded));
        if (delivered.size() + unsent.size() >= settings.batchSize()) {
            flush();
        } else if (recordTimer == -1 && !recording) {
            recordTimer = vertx.setTimer(RECORD_DELAY_MILLIS, id -> {
                recordTimer = -1;
                flush();
            });
        }
        return recorded.future();
    }

    private void flush() {
        if (recording || delivered.isEmpty() && unsent.isEmpty()) {
            return;
        }
        vertx.cancelTimer(recordTimer);
        recordTimer = -1;
        List<Pending<DeliveryQueue.Delivered>> deliveredBatch = delivered;
        List<Pending<DeliveryQueue.Unsent>> unsentBatch = unsent;
        delivered = new ArrayList<>();
        unsent = new ArrayList<>();
        recording = true;
        Future<Set<Long>> deliveredDone = queue.deliveredAll(pool, deliveredBatch.stream().map(Pending::outcome).toList());
        // One after the other: both may write the same servers' rows, and must not wait for each other.
        Future<Set<Long>> unsentDone = deliveredDone.transform(ar -> queue.unsentAll(pool,
                unsentBatch.stream().map(Pending::outcome).toList()));
        unsentDone.onComplete(ar -> context.runOnContext(v -> {
            recording = false;
            settle(deliveredBatch, deliveredDone);
            settle(unsentBatch, unsentDone);
            flush();
        }));
    }

    private static <T> void settle(List<Pending<T>> batch, Future<Set<Long>> written) {
        for (Pending<T> p : batch) {
            if (written.succeeded()) {
                p.recorded().complete(written.result().contains(p.job()));
            } else {
                p.recorded().fail(written.cause());
            }
        }
    }

    // --- upkeep --------------------------------------------------------------------------------

    private void maintain() {
        if (stopping) {
            return;
        }
        queue.expire(pool)
                .compose(expired -> queue.purge(pool).map(purged -> expired))
                .onFailure(e -> LOG.warn("delivery queue upkeep failed: {}", e.getMessage()))
                .onSuccess(expired -> {
                    if (expired > 0) {
                        LOG.info("gave up on {} deliveries past their time", expired);
                    }
                });
    }
}
