package coop.entraide.node.federation.inbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the inbox worker works through received activities.
 *
 * @param lease              how long a claimed activity is reserved for one worker; after a crash,
 *                           another takes it once this runs out
 * @param pollInterval       how often an idle worker looks for due activities (it is also woken
 *                           at once when this process stores one)
 * @param batchSize          most activities claimed at a time and applied together in one transaction
 * @param parallelBatches    batches in process at once
 * @param maxAttempts        a handler failing this many times marks the activity {@code failed}
 * @param firstRetry         the wait after the first failure, doubled after each further one
 * @param keepFinished       processed and ignored rows are deleted after this long; failed rows
 *                           are kept four times as long, for diagnosis
 * @param maintenanceInterval how often that cleanup runs
 */
public record InboxSettings(Duration lease, Duration pollInterval, int batchSize, int parallelBatches, int maxAttempts,
                            Duration firstRetry, Duration keepFinished, Duration maintenanceInterval) {

    public static final InboxSettings DEFAULT = new InboxSettings(Duration.ofMinutes(5), Duration.ofSeconds(2), 64, 4, 5,
            Duration.ofSeconds(30), Duration.ofDays(7), Duration.ofHours(1));

    public InboxSettings {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(keepFinished, "keepFinished");
        Objects.requireNonNull(maintenanceInterval, "maintenanceInterval");
        if (batchSize < 1 || parallelBatches < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("batchSize, parallelBatches and maxAttempts must be positive");
        }
    }

    public InboxSettings withPollInterval(Duration interval) {
        return new InboxSettings(lease, interval, batchSize, parallelBatches, maxAttempts, firstRetry, keepFinished, maintenanceInterval);
    }

    public InboxSettings withRetries(int attempts, Duration first) {
        return new InboxSettings(lease, pollInterval, batchSize, parallelBatches, attempts, first, keepFinished, maintenanceInterval);
    }

    public InboxSettings withLease(Duration newLease) {
        return new InboxSettings(newLease, pollInterval, batchSize, parallelBatches, maxAttempts, firstRetry, keepFinished, maintenanceInterval);
    }

    /** The wait before attempt {@code failures + 1}: firstRetry, doubled per failure, capped at a day. */
    public Duration retryAfter(int failures) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(20, Math.max(0, failures - 1)));
        return wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait;
    }
}
