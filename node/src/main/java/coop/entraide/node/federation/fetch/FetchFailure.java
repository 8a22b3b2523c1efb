package coop.entraide.node.federation.fetch;

/** Why a fetch produced no HTTP response. */
public enum FetchFailure {
    /** Not an absolute http(s) URL with a host, or a redirect to such a thing. */
    BAD_URL,
    /** The host name does not resolve. */
    UNKNOWN_HOST,
    /** The host resolves to an address the policy refuses (loopback, private…). */
    BLOCKED_ADDRESS,
    /** Refused, reset, TLS failure, malformed response… */
    CONNECTION_FAILED,
    /** Connect, read or overall deadline exceeded. */
    TIMEOUT,
    /** The body exceeds the limit; the transfer was cut off. */
    TOO_LARGE,
    /** More redirects than the limit (loops included). */
    TOO_MANY_REDIRECTS,
    /** The signer failed: a local problem, not the remote server's. */
    SIGNING_FAILED
}
