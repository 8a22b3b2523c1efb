package coop.entraide.node.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void blocksANameAfterTooManyFailuresUntilTheWindowPasses() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_NAME; i++) {
            assertEquals(OptionalLong.empty(), throttle.retryAfter("10.0.0.1", "alice"));
            throttle.recordFailure("10.0.0.1", "Alice");
        }
        OptionalLong wait = throttle.retryAfter("10.0.0.2", "alice");
        assertEquals(OptionalLong.of(LoginThrottle.WINDOW.toSeconds()), wait);
        assertEquals(OptionalLong.empty(), throttle.retryAfter("10.0.0.1", "bob"), "other names are not affected");
        now = now.plus(LoginThrottle.WINDOW).plusSeconds(1);
        assertEquals(OptionalLong.empty(), throttle.retryAfter("10.0.0.1", "alice"));
    }

    @Test
    void blocksAnAddressTryingManyNames() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
            throttle.recordFailure("10.0.0.9", "user" + i);
        }
        assertTrue(throttle.retryAfter("10.0.0.9", "someone").isPresent());
        assertEquals(OptionalLong.empty(), throttle.retryAfter("10.0.0.8", "someone"));
    }

    @Test
    void successClearsTheName() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_NAME; i++) {
            throttle.recordFailure("10.0.0.1", "alice");
        }
        throttle.recordSuccess("alice");
        assertEquals(OptionalLong.empty(), throttle.retryAfter("10.0.0.1", "alice"));
        throttle.recordFailure("10.0.0.1", "alice");
        now = now.plus(Duration.ofMinutes(1));
        assertEquals(OptionalLong.empty(), throttle.retryAfter("10.0.0.1", "alice"), "one new failure is not a block");
    }
}
