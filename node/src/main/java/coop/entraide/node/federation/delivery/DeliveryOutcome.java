package coop.entraide.node.federation.delivery;

import coop.entraide.node.federation.fetch.FetchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one delivery attempt means for its job and for the receiving server, after Mastodon's
 * rules: 2xx is delivered; 4xx other than 401, 408 and 429 (and 501) will never succeed; anything
 * else (5xx, timeouts, refused connections, unknown hosts) is worth retrying.
 */
public sealed interface DeliveryOutcome {

    /** The server took it. */
    record Delivered(int status) implements DeliveryOutcome {
    }

    /**
     * Try again later.
     *
     * @param status        the HTTP status, 0 when there was no response
     * @param hostAtFault   whether this counts as a failure of the server (not of our signer)
     * @param retryAfter    what the server asked for, if anything
     */
    record Retry(int status, String error, boolean hostAtFault, Optional<Duration> retryAfter) implements DeliveryOutcome {
    }

    /**
     * Never try again.
     *
     * @param status         the HTTP status, 0 when there was no response
     * @param hostResponded  whether the server answered (it is up, merely refusing this delivery)
     */
    record Failed(int status, String error, boolean hostResponded) implements DeliveryOutcome {
    }

    static DeliveryOutcome of(FetchResult result, Instant now) {
        if (result instanceof FetchResult.Ok ok) {
            return new Delivered(ok.status());
        }
        if (result instanceof FetchResult.HttpError e) {
            return ofStatus(e, now);
        }
        return ofFailure((FetchResult.Failed) result);
    }

    private static DeliveryOutcome ofStatus(FetchResult.HttpError e, Instant now) {
        int s = e.status();
        boolean salvageable = s == 401 || s == 408 || s == 429;
        if ((s >= 400 && s < 500 && !salvageable) || s == 501) {
            return new Failed(s, "HTTP " + s, true);
        }
        return new Retry(s, "HTTP " + s, true, RetryAfter.parse(e.header("Retry-After").orElse(null), now));
    }

    private static DeliveryOutcome ofFailure(FetchResult.Failed f) {
        String error = f.reason() + (f.detail() == null ? "" : ": " + f.detail());
        return switch (f.reason()) {
            case BAD_URL, BLOCKED_ADDRESS, TOO_MANY_REDIRECTS -> new Failed(0, error, false);
            case SIGNING_FAILED -> new Retry(0, error, false, Optional.empty());
            case UNKNOWN_HOST, CONNECTION_FAILED, TIMEOUT, TOO_LARGE -> new Retry(0, error, true, Optional.empty());
        };
    }
}
