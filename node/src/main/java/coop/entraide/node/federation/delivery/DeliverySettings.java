package coop.entraide.node.federation.delivery;

import coop.entraide.node.federation.fetch.FetchLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How the delivery queue and its workers behave.
 *
 * @param batchSize            most jobs claimed in one round trip
 * @param maxInFlight          most requests one worker has open at once, all servers together
 * @param maxInFlightPerHost   most requests one worker has open to one server
 * @param maxClaimedPerHost    most jobs of one server in one claimed batch, so a busy server
 *                             cannot fill a batch and hold back the others
 * @param lease                how long a claimed job stays reserved; after that, if its worker
 *                             has not reported, any worker may take it again
 * @param pollInterval         wait between claims when the queue had nothing due
 * @param schedule             retry backoff and give-up time
 * @param unavailableAfterDays distinct days with failures after which a server is unavailable
 * @param probeInterval        wait between two probe deliveries to an unavailable server
 * @param maintenanceInterval  how often expired jobs are failed and old ones purged
 * @param retention            how long finished jobs are kept for inspection
 * @param fetchLimits          timeouts and response size for each delivery request
 */
public record DeliverySettings(
        int batchSize,
        int maxInFlight,
        int maxInFlightPerHost,
        int maxClaimedPerHost,
        Duration lease,
        Duration pollInterval,
        RetrySchedule schedule,
        int unavailableAfterDays,
        Duration probeInterval,
        Duration maintenanceInterval,
        Duration retention,
        FetchLimits fetchLimits) {

    /** A response to a delivery is read only to be discarded; 64 KiB is plenty for an error page. */
    public static final FetchLimits DELIVERY_LIMITS = FetchLimits.DEFAULT.withMaxBodyBytes(64 * 1024);

    public static final DeliverySettings DEFAULT = new DeliverySettings(
            256, 256, 4, 8, Duration.ofMinutes(5), Duration.ofSeconds(1), RetrySchedule.DEFAULT, 7,
            Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofDays(2), DELIVERY_LIMITS);

    public DeliverySettings {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(probeInterval, "probeInterval");
        Objects.requireNonNull(maintenanceInterval, "maintenanceInterval");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(fetchLimits, "fetchLimits");
        if (batchSize < 1 || maxInFlight < 1 || maxInFlightPerHost < 1 || maxClaimedPerHost < 1 || unavailableAfterDays < 1) {
            throw new IllegalArgumentException("delivery limits must be at least 1");
        }
    }

    public DeliverySettings withSchedule(RetrySchedule newSchedule) {
        return new DeliverySettings(batchSize, maxInFlight, maxInFlightPerHost, maxClaimedPerHost, lease, pollInterval,
                newSchedule, unavailableAfterDays, probeInterval, maintenanceInterval, retention, fetchLimits);
    }

    public DeliverySettings withLease(Duration newLease) {
        return new DeliverySettings(batchSize, maxInFlight, maxInFlightPerHost, maxClaimedPerHost, newLease, pollInterval,
                schedule, unavailableAfterDays, probeInterval, maintenanceInterval, retention, fetchLimits);
    }

    public DeliverySettings withPollInterval(Duration newPollInterval) {
        return new DeliverySettings(batchSize, maxInFlight, maxInFlightPerHost, maxClaimedPerHost, lease, newPollInterval,
                schedule, unavailableAfterDays, probeInterval, maintenanceInterval, retention, fetchLimits);
    }

    public DeliverySettings withBatch(int newBatchSize, int newMaxInFlight, int newMaxInFlightPerHost, int newMaxClaimedPerHost) {
        return new DeliverySettings(newBatchSize, newMaxInFlight, newMaxInFlightPerHost, newMaxClaimedPerHost, lease, pollInterval,
                schedule, unavailableAfterDays, probeInterval, maintenanceInterval, retention, fetchLimits);
    }

    public DeliverySettings withAvailability(int newUnavailableAfterDays, Duration newProbeInterval) {
        return new DeliverySettings(batchSize, maxInFlight, maxInFlightPerHost, maxClaimedPerHost, lease, pollInterval,
                schedule, newUnavailableAfterDays, newProbeInterval, maintenanceInterval, retention, fetchLimits);
    }

    public DeliverySettings withFetchLimits(FetchLimits newLimits) {
        return new DeliverySettings(batchSize, maxInFlight, maxInFlightPerHost, maxClaimedPerHost, lease, pollInterval,
                schedule, unavailableAfterDays, probeInterval, maintenanceInterval, retention, newLimits);
    }
}
