package coop.entraide.node.federation.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again, and when to give up.
 *
 * <p>The delay after the n-th failed attempt is {@code base × 2^(n−1)}, capped at {@code cap}, then
 * stretched by a random factor in {@code [1, 1 + jitter)} so that the deliveries of one busy
 * moment do not all come back together. With the defaults (1 minute, 12 hours, jitter 0.5, give up
 * after 7 days) the waits are about 1, 2, 4, 8, 16, 32 minutes, 1, 2, 4, 8.5 hours, then every 12
 * hours: around 20 attempts over a week. Mastodon's schedule ({@code count⁴ + 15} seconds plus
 * jitter, 16 retries) spends its retries in two to three days; a week rides out a longer outage of
 * a small volunteer-run server. A {@code Retry-After} from the server is honoured when it asks for
 * longer than the backoff (up to a day).
 *
 * @param base        wait after the first failure
 * @param cap         longest wait between two attempts
 * @param jitter      extra random fraction of the wait, {@code [0, jitter)}
 * @param giveUpAfter how long after enqueueing a job fails for good
 */
public record RetrySchedule(Duration base, Duration cap, double jitter, Duration giveUpAfter) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(12), 0.5, Duration.ofDays(7));

    /** A server may not push us further away than this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    public RetrySchedule {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (base.isNegative() || cap.compareTo(base) < 0 || jitter < 0) {
            throw new IllegalArgumentException("invalid retry schedule");
        }
    }

    /** The wait after {@code failedAttempts} failures (1 for the first), jitter included. */
    public Duration delayAfter(int failedAttempts, RandomGenerator random) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 40));
        long millis = base.toMillis();
        for (int i = 0; i < doublings && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        millis = Math.min(millis, cap.toMillis());
        double stretch = 1 + (jitter == 0 ? 0 : random.nextDouble(jitter));
        return Duration.ofMillis(Math.round(millis * stretch));
    }

    /**
     * The next attempt after a failure at {@code now}, or empty when it would fall past the
     * job's give-up time.
     */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant now, Instant expiresAt,
                                         Optional<Duration> retryAfter, RandomGenerator random) {
        Duration wait = delayAfter(failedAttempts, random);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        Instant next = now.plus(wait);
        return next.isAfter(expiresAt) ? Optional.empty() : Optional.of(next);
    }
}
