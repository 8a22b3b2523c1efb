package coop.entraide.node.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after too many failed sign-ins within a window, for one name or
 * from one address, further attempts are refused until the oldest failure leaves the window.
 *
 * <p>Kept in memory: each node process counts on its own and forgets on restart, which is enough
 * to make online guessing impractical with Argon2id's cost on top. Behind a reverse proxy every
 * request comes from the proxy's address, so the per-address limit is set well above the
 * per-name one.
 */
public final class LoginThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int MAX_FAILURES_PER_NAME = 10;
    public static final int MAX_FAILURES_PER_ADDRESS = 100;
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds to wait before trying again, or empty when an attempt is allowed now. */
    public OptionalLong retryAfter(String address, String username) {
        long now = clock.millis();
        long wait = Math.max(waitFor("name:" + normalise(username), MAX_FAILURES_PER_NAME, now),
                waitFor("addr:" + address, MAX_FAILURES_PER_ADDRESS, now));
        return wait > 0 ? OptionalLong.of(Math.max(1, (wait + 999) / 1000)) : OptionalLong.empty();
    }

    public void recordFailure(String address, String username) {
        long now = clock.millis();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> isStale(e.getValue(), now));
        }
        record("name:" + normalise(username), now);
        record("addr:" + address, now);
    }

    /** A successful sign-in clears the name's failures (not the address's). */
    public void recordSuccess(String username) {
        failures.remove("name:" + normalise(username));
    }

    private long waitFor(String key, int max, long now) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < max) {
                return 0;
            }
            return times.peekFirst() + WINDOW.toMillis() - now;
        }
    }

    private void record(String key, long now) {
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    private static void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) {
            times.removeFirst();
        }
    }

    private static boolean isStale(Deque<Long> times, long now) {
        synchronized (times) {
            prune(times, now);
            return times.isEmpty();
        }
    }

    private static String normalise(String username) {
        return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
    }
}
