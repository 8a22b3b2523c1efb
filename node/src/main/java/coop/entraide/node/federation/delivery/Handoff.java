package coop.entraide.node.federation.delivery;

import java.util.List;
import java.util.Optional;

/**
 * How {@link DeliveryQueue#enqueue} gives new jobs straight to the delivery worker of this process:
 * the jobs are stored already leased to the worker, and once their transaction has committed the
 * worker gets them, with the activity's bytes, in memory. No claim, no reading the activity back.
 * A job whose hand-off never arrives (the process died, the worker stopped) waits for its lease to
 * run out like any claimed job, and is then claimed by any worker.
 *
 * <p>Called from any thread; implementations keep their own state consistent.
 */
interface Handoff {

    /** Room the worker set aside for some of an activity's jobs, leased under {@code lease}. */
    record Reservation(String lease, boolean[] chosen, int count) {
    }

    /**
     * Sets aside room for as many of {@code targets} as the worker can take now (none when it is
     * full or stopping), at most {@code perHost} of one server, as a claim would.
     */
    Optional<Reservation> reserve(List<InboxSelection.Target> targets, int perHost);

    /**
     * The jobs stored under a reservation, committed: send them. They may be fewer than the room
     * reserved (a server turned out unavailable, an inbox was queued already); the rest is freed.
     */
    void take(Reservation reservation, List<ClaimedJob> jobs, StoredActivity activity);

    /** Gives the room of a reservation back: its transaction rolled back, or its statement failed. */
    void cancel(Reservation reservation);

    /** Jobs that no worker holds were committed: they are due now, for a claim. */
    void unleasedCommitted();
}
