package coop.entraide.node.federation.policy;

import coop.entraide.node.config.RateLimit;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One token bucket per key (a remote server, a client address), safe to share between event loops.
 *
 * <p>Memory is bounded. A bucket that has refilled completely is the same as a new one, so it is
 * dropped without losing anything: idle keys are swept every {@link #SWEEP_INTERVAL_MILLIS} ms
 * and when the map is full (at most once a second). If {@code maxKeys} keys are all active at once (someone inventing
 * keys), further new keys share one overflow bucket: they are limited together rather than let
 * through, and the servers already tracked keep their own budgets.
 */
public final class TokenBuckets {
    static final long SWEEP_INTERVAL_MILLIS = 60_000;
    /** When full, sweep at most this often: a scan for every invented key would be a cost in itself. */
    static final long FULL_SWEEP_INTERVAL_MILLIS = 1_000;
    /** Never a real key: hosts and addresses cannot contain a NUL. */
    static final String OVERFLOW = "\0overflow";

    private final RateLimit limit;
    private final int maxKeys;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;
    private final AtomicLong lastFullSweep;

    /** The outcome of {@link #take}. */
    public sealed interface Outcome permits Granted, Limited {
    }

    public record Granted() implements Outcome {
    }

    /** Refused; a token will be available in {@code retryAfterSeconds} (at least 1). */
    public record Limited(long retryAfterSeconds) implements Outcome {
    }

    private static final Granted GRANTED = new Granted();

    /** Tokens left at a time; {@code granted} tells whether the last take succeeded. */
    private record Bucket(double tokens, long atMillis, boolean granted) {
    }

    public TokenBuckets(RateLimit limit, int maxKeys, Clock clock) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive");
        }
        this.limit = limit;
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.lastSweep = new AtomicLong(clock.millis());
        this.lastFullSweep = new AtomicLong(clock.millis() - FULL_SWEEP_INTERVAL_MILLIS);
    }

    public RateLimit limit() {
        return limit;
    }

    /** Takes one token from {@code key}'s bucket. */
    public Outcome take(String key) {
        if (limit.isOff()) {
            return GRANTED;
        }
        long now = clock.millis();
        sweepIfDue(now);
        String tracked = key;
        if (!buckets.containsKey(key) && buckets.size() >= maxKeys) {
            long last = lastFullSweep.get();
            if (now - last >= FULL_SWEEP_INTERVAL_MILLIS && lastFullSweep.compareAndSet(last, now)) {
                sweep(now);
            }
            if (buckets.size() >= maxKeys) {
                tracked = OVERFLOW;
            }
        }
        Bucket after = buckets.compute(tracked, (k, before) -> takeFrom(before == null ? full(now) : refill(before, now)));
        if (after.granted()) {
            return GRANTED;
        }
        double missing = 1 - after.tokens();
        return new Limited(Math.max(1, (long) Math.ceil(missing / limit.perSecond())));
    }

    /** How many keys have a bucket now (at most {@code maxKeys} plus the overflow bucket). */
    public int trackedKeys() {
        return buckets.size();
    }

    private Bucket full(long now) {
        return new Bucket(limit.burst(), now, true);
    }

    private Bucket refill(Bucket b, long now) {
        long elapsed = Math.max(0, now - b.atMillis());
        double tokens = Math.min(limit.burst(), b.tokens() + elapsed * limit.perSecond() / 1000.0);
        return new Bucket(tokens, Math.max(now, b.atMillis()), b.granted());
    }

    private static Bucket takeFrom(Bucket b) {
        return b.tokens() >= 1 ? new Bucket(b.tokens() - 1, b.atMillis(), true) : new Bucket(b.tokens(), b.atMillis(), false);
    }

    private void sweepIfDue(long now) {
        long last = lastSweep.get();
        if (now - last >= SWEEP_INTERVAL_MILLIS && lastSweep.compareAndSet(last, now)) {
            sweep(now);
        }
    }

    /** Drops the buckets that have refilled: forgetting them changes nothing. */
    private void sweep(long now) {
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, b) -> refill(b, now).tokens() >= limit.burst() ? null : b);
        }
    }
}
