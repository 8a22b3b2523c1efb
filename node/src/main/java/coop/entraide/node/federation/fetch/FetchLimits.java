package coop.entraide.node.federation.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one fetch, redirects included.
 *
 * @param connectTimeout  to open a TCP (and TLS) connection
 * @param readTimeout     longest silence while waiting for the response or its next bytes
 * @param deadline        the whole fetch, from name resolution to the last byte of the last hop
 * @param maxBodyBytes    larger bodies are cut off while they stream in
 * @param maxRedirects    hops followed after the first request
 */
public record FetchLimits(Duration connectTimeout, Duration readTimeout, Duration deadline, int maxBodyBytes, int maxRedirects) {
    /** One MiB: far above any real actor, activity or collection page. */
    public static final int JSON_BODY_LIMIT = 1024 * 1024;

    /** Mastodon's own numbers (connect 5 s, read 10 s), with an overall bound on top. */
    public static final FetchLimits DEFAULT = new FetchLimits(
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), JSON_BODY_LIMIT, 5);

    public FetchLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(deadline, "deadline");
        if (maxBodyBytes < 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    public FetchLimits withDeadline(Duration newDeadline) {
        return new FetchLimits(connectTimeout, readTimeout, newDeadline, maxBodyBytes, maxRedirects);
    }

    public FetchLimits withMaxBodyBytes(int bytes) {
        return new FetchLimits(connectTimeout, readTimeout, deadline, bytes, maxRedirects);
    }
}
