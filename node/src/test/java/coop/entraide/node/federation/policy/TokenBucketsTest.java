package coop.entraide.node.federation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.MutableClock;
import coop.entraide.node.config.RateLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));

    private static void granted(TokenBuckets.Outcome o) {
        assertInstanceOf(TokenBuckets.Granted.class, o);
    }

    private static long limited(TokenBuckets.Outcome o) {
        return assertInstanceOf(TokenBuckets.Limited.class, o).retryAfterSeconds();
    }

    @Test
    void grantsTheBurstThenRefillsAtTheRate() {
        TokenBuckets b = new TokenBuckets(new RateLimit(2, 5), 100, clock);
        for (int i = 0; i < 5; i++) {
            granted(b.take("a.example"));
        }
        assertEquals(1, limited(b.take("a.example")), "one token comes back in half a second");
        clock.advance(Duration.ofMillis(499));
        limited(b.take("a.example"));
        clock.advance(Duration.ofMillis(1));
        granted(b.take("a.example"));
        limited(b.take("a.example"));
        clock.advance(Duration.ofMillis(60_000));
        for (int i = 0; i < 5; i++) {
            granted(b.take("a.example"));
        }
        limited(b.take("a.example"));
    }

    @Test
    void retryAfterIsWholeSecondsUntilTheNextToken() {
        TokenBuckets slow = new TokenBuckets(new RateLimit(0.1, 1), 100, clock);
        granted(slow.take("a.example"));
        assertEquals(10, limited(slow.take("a.example")));
        clock.advance(Duration.ofMillis(2_500));
        assertEquals(8, limited(slow.take("a.example")), "7.5 s left, rounded up");
    }

    @Test
    void oneKeyOverItsBudgetDoesNotTouchAnother() {
        TokenBuckets b = new TokenBuckets(new RateLimit(1, 3), 100, clock);
        for (int i = 0; i < 3; i++) {
            granted(b.take("flood.example"));
        }
        for (int i = 0; i < 3; i++) {
            limited(b.take("flood.example"));
            granted(b.take("calm.example"));
        }
    }

    @Test
    void offGrantsEverythingAndTracksNothing() {
        TokenBuckets b = new TokenBuckets(RateLimit.OFF, 1, clock);
        for (int i = 0; i < 1000; i++) {
            granted(b.take("k" + i));
        }
        assertEquals(0, b.trackedKeys());
    }

    @Test
    void idleBucketsAreForgottenAfterTheSweepInterval() {
        TokenBuckets b = new TokenBuckets(new RateLimit(1, 10), 1000, clock);
        for (int i = 0; i < 50; i++) {
            granted(b.take("idle" + i + ".example"));
        }
        clock.advance(Duration.ofMillis(TokenBuckets.SWEEP_INTERVAL_MILLIS - 1_000));
        for (int i = 0; i < 10; i++) {
            granted(b.take("busy.example"));
        }
        assertEquals(51, b.trackedKeys());
        clock.advance(Duration.ofMillis(1_000));
        granted(b.take("busy.example"));
        assertEquals(1, b.trackedKeys(), "the idle buckets had refilled and are forgotten");
        limited(b.take("busy.example"), "the busy bucket was kept with its state");
    }

    @Test
    void theNumberOfKeysIsCappedAndNewcomersShareOneOverflowBucket() {
        TokenBuckets b = new TokenBuckets(new RateLimit(1, 2), 3, clock);
        for (String k : new String[] {"a", "b", "c"}) {
            granted(b.take(k));
        }
        granted(b.take("invented1"));
        granted(b.take("invented2"));
        limited(b.take("invented3"));
        limited(b.take("invented1"));
        assertEquals(4, b.trackedKeys(), "three keys and the overflow bucket");
        granted(b.take("a"));
        limited(b.take("a"));

        for (int i = 0; i < 10_000; i++) {
            b.take("attacker" + i);
        }
        assertEquals(4, b.trackedKeys(), "inventing keys does not grow memory");
    }

    @Test
    void refilledBucketsMakeRoomForNewKeysWhenFull() {
        TokenBuckets b = new TokenBuckets(new RateLimit(1, 2), 3, clock);
        for (String k : new String[] {"a", "b", "c"}) {
            granted(b.take(k));
        }
        clock.advance(Duration.ofMillis(TokenBuckets.FULL_SWEEP_INTERVAL_MILLIS));
        granted(b.take("d"));
        granted(b.take("d"));
        limited(b.take("d"));
        assertTrue(b.trackedKeys() <= 3, "a, b and c had refilled and were dropped: " + b.trackedKeys());
        granted(b.take("e"));
        granted(b.take("e"));
        limited(b.take("e"), "d and e have separate buckets");
    }

    private static void limited(TokenBuckets.Outcome o, String message) {
        assertInstanceOf(TokenBuckets.Limited.class, o, message);
    }
}
