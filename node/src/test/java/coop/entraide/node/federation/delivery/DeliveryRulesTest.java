package coop.entraide.node.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.federation.fetch.FetchFailure;
import coop.entraide.node.federation.fetch.FetchResult;
import coop.entraide.protocol.sig.HttpMessage.Header;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure rules of delivery: which inboxes, which outcomes, when to retry. */
class DeliveryRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final URI INBOX = URI.create("https://social.example/inbox");

    // --- inbox selection ----------------------------------------------------------------------

    @Test
    void sharedInboxCollapsesFollowersOfOneServer() {
        URI shared = URI.create("https://mastodon.example/inbox");
        List<InboxSelection.Target> targets = InboxSelection.select(List.of(
                Recipient.of(URI.create("https://mastodon.example/users/a/inbox"), shared),
                Recipient.of(URI.create("https://mastodon.example/users/b/inbox"), shared),
                Recipient.of(URI.create("https://gts.example/users/c/inbox")),
                Recipient.of(URI.create("https://gts.example/users/d/inbox")),
                Recipient.of(URI.create("https://gts.example/users/d/inbox"))));
        assertEquals(List.of(
                new InboxSelection.Target(shared, "mastodon.example"),
                new InboxSelection.Target(URI.create("https://gts.example/users/c/inbox"), "gts.example"),
                new InboxSelection.Target(URI.create("https://gts.example/users/d/inbox"), "gts.example")), targets);
    }

    @Test
    void dropsInboxesThatAreNotHttpUrls() {
        assertEquals(List.of(), InboxSelection.select(List.of(
                Recipient.of(URI.create("ftp://x.example/inbox")),
                Recipient.of(URI.create("urn:uuid:1234")),
                Recipient.of(URI.create("/relative/inbox")),
                Recipient.of(URI.create("https://user@x.example/inbox")))));
    }

    @Test
    void unusableSharedInboxFallsBackToTheActorsOwn() {
        List<InboxSelection.Target> targets = InboxSelection.select(List.of(
                Recipient.of(URI.create("https://x.example/users/a/inbox"), URI.create("not-a-url"))));
        assertEquals(URI.create("https://x.example/users/a/inbox"), targets.get(0).inbox());
    }

    @Test
    void hostKeyKeepsOnlyNonDefaultPorts() {
        assertEquals(Optional.of("social.example"), InboxSelection.hostOf(URI.create("https://Social.Example:443/inbox")));
        assertEquals(Optional.of("social.example:8443"), InboxSelection.hostOf(URI.create("https://social.example:8443/inbox")));
        assertEquals(Optional.of("127.0.0.1:8080"), InboxSelection.hostOf(URI.create("http://127.0.0.1:8080/inbox")));
    }

    // --- outcomes -----------------------------------------------------------------------------

    private static DeliveryOutcome status(int status, Header... headers) {
        FetchResult result = status >= 200 && status < 300
                ? new FetchResult.Ok(status, INBOX, List.of(headers), new byte[0])
                : new FetchResult.HttpError(status, INBOX, List.of(headers), new byte[0]);
        return DeliveryOutcome.of(result, NOW);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void successIsDelivered(int code) {
        assertEquals(new DeliveryOutcome.Delivered(code), status(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 410, 413, 422, 501})
    void mostClientErrorsAreFinal(int code) {
        DeliveryOutcome.Failed failed = assertInstanceOf(DeliveryOutcome.Failed.class, status(code));
        assertTrue(failed.hostResponded());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 408, 429, 500, 502, 503, 504, 302})
    void salvageableStatusesAreRetried(int code) {
        DeliveryOutcome.Retry retry = assertInstanceOf(DeliveryOutcome.Retry.class, status(code));
        assertTrue(retry.hostAtFault());
    }

    @Test
    void retryCarriesRetryAfter() {
        DeliveryOutcome.Retry retry = assertInstanceOf(DeliveryOutcome.Retry.class, status(503, new Header("Retry-After", "120")));
        assertEquals(Optional.of(Duration.ofSeconds(120)), retry.retryAfter());
    }

    @Test
    void networkFailuresAreRetriedAndBlamedOnTheServer() {
        for (FetchFailure reason : List.of(FetchFailure.TIMEOUT, FetchFailure.CONNECTION_FAILED, FetchFailure.UNKNOWN_HOST)) {
            DeliveryOutcome.Retry retry = assertInstanceOf(DeliveryOutcome.Retry.class,
                    DeliveryOutcome.of(new FetchResult.Failed(reason, "x"), NOW), reason::name);
            assertTrue(retry.hostAtFault());
        }
    }

    @Test
    void localProblemsAreNotBlamedOnTheServer() {
        DeliveryOutcome.Retry signing = assertInstanceOf(DeliveryOutcome.Retry.class,
                DeliveryOutcome.of(new FetchResult.Failed(FetchFailure.SIGNING_FAILED, "x"), NOW));
        assertFalse(signing.hostAtFault());
        for (FetchFailure reason : List.of(FetchFailure.BLOCKED_ADDRESS, FetchFailure.BAD_URL, FetchFailure.TOO_MANY_REDIRECTS)) {
            DeliveryOutcome.Failed failed = assertInstanceOf(DeliveryOutcome.Failed.class,
                    DeliveryOutcome.of(new FetchResult.Failed(reason, "x"), NOW), reason::name);
            assertFalse(failed.hostResponded());
        }
    }

    // --- Retry-After --------------------------------------------------------------------------

    @Test
    void readsRetryAfterSecondsAndDates() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse(" 30 ", NOW));
        assertEquals(Optional.of(Duration.ofMinutes(5)), RetryAfter.parse("Sun, 01 Mar 2026 12:05:00 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", NOW));
        assertEquals(Optional.of(RetrySchedule.MAX_RETRY_AFTER), RetryAfter.parse("99999999999999999999", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    }

    // --- the schedule -------------------------------------------------------------------------

    private static final RandomGenerator NO_JITTER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble(double bound) {
            return 0;
        }
    };

    @Test
    void backoffDoublesUpToTheCap() {
        RetrySchedule s = RetrySchedule.DEFAULT;
        assertEquals(Duration.ofMinutes(1), s.delayAfter(1, NO_JITTER));
        assertEquals(Duration.ofMinutes(2), s.delayAfter(2, NO_JITTER));
        assertEquals(Duration.ofMinutes(32), s.delayAfter(6, NO_JITTER));
        assertEquals(Duration.ofMinutes(512), s.delayAfter(10, NO_JITTER));
        assertEquals(Duration.ofHours(12), s.delayAfter(11, NO_JITTER));
        assertEquals(Duration.ofHours(12), s.delayAfter(500, NO_JITTER));
    }

    @Test
    void jitterStretchesWithinBounds() {
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        for (int i = 0; i < 1000; i++) {
            long ms = RetrySchedule.DEFAULT.delayAfter(3, random).toMillis();
            assertTrue(ms >= 240_000 && ms < 360_000, () -> "delay " + ms);
        }
    }

    @Test
    void defaultScheduleSpendsAboutAWeek() {
        Instant created = NOW;
        Instant expires = created.plus(RetrySchedule.DEFAULT.giveUpAfter());
        Instant at = created;
        int attempts = 0;
        while (true) {
            attempts++;
            Optional<Instant> next = RetrySchedule.DEFAULT.nextAttempt(attempts, at, expires, Optional.empty(), NO_JITTER);
            if (next.isEmpty()) {
                break;
            }
            at = next.get();
        }
        assertTrue(attempts >= 15 && attempts <= 30, "attempts " + attempts);
        assertTrue(Duration.between(created, at).compareTo(Duration.ofDays(6)) > 0, "last attempt at " + at);
    }

    @Test
    void retryAfterIsHonouredWhenLongerAndCapped() {
        Instant far = NOW.plus(Duration.ofDays(7));
        RetrySchedule s = RetrySchedule.DEFAULT;
        assertEquals(Optional.of(NOW.plusSeconds(600)), s.nextAttempt(1, NOW, far, Optional.of(Duration.ofSeconds(600)), NO_JITTER));
        assertEquals(Optional.of(NOW.plusSeconds(60)), s.nextAttempt(1, NOW, far, Optional.of(Duration.ofSeconds(5)), NO_JITTER));
        assertEquals(Optional.of(NOW.plus(RetrySchedule.MAX_RETRY_AFTER)),
                s.nextAttempt(1, NOW, far, Optional.of(Duration.ofDays(30)), NO_JITTER));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldBeTooLate() {
        assertEquals(Optional.empty(), RetrySchedule.DEFAULT.nextAttempt(1, NOW, NOW.plusSeconds(30), Optional.empty(), NO_JITTER));
    }
}
