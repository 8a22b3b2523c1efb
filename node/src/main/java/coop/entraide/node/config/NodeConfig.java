package coop.entraide.node.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a node needs to start, already validated. Built from flags and {@code ENTRAIDE_*}
 * variables by the command line, or directly by tests.
 *
 * @param baseUrl              public origin that every local id is minted under
 * @param bind                 address the HTTP server listens on
 * @param port                 port the HTTP server listens on (0 picks a free one; tests use it)
 * @param dataDir              where the embedded database, uploads and the lock file live
 * @param databaseUrl          external PostgreSQL ({@code postgres://…}); empty starts an embedded one
 * @param allowPrivateNetwork  whether outgoing fetches may reach loopback and private addresses
 * @param inboxRate            budget of inbox requests per remote server
 * @param inboxIpRate          budget of inbox requests per client address
 */
public record NodeConfig(
        URI baseUrl,
        String bind,
        int port,
        Path dataDir,
        Optional<URI> databaseUrl,
        boolean allowPrivateNetwork,
        RateLimit inboxRate,
        RateLimit inboxIpRate) {

    public NodeConfig {
        Objects.requireNonNull(inboxRate, "inboxRate");
        Objects.requireNonNull(inboxIpRate, "inboxIpRate");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
    }

    /** With the default inbox rate limits. */
    public NodeConfig(URI baseUrl, String bind, int port, Path dataDir, Optional<URI> databaseUrl,
                      boolean allowPrivateNetwork) {
        this(baseUrl, bind, port, dataDir, databaseUrl, allowPrivateNetwork,
                RateLimit.DEFAULT_INBOX, RateLimit.DEFAULT_INBOX_IP);
    }

    /** {@code host} or {@code host:port} as it appears in handles and WebFinger resources. */
    public String authority() {
        return baseUrl.getRawAuthority();
    }

    /** A copy listening on another port (the demo and tests pick ports before they know the URL). */
    public NodeConfig withPort(int newPort) {
        return new NodeConfig(baseUrl, bind, newPort, dataDir, databaseUrl, allowPrivateNetwork, inboxRate, inboxIpRate);
    }

    public NodeConfig withBaseUrl(URI newBaseUrl) {
        return new NodeConfig(newBaseUrl, bind, port, dataDir, databaseUrl, allowPrivateNetwork, inboxRate, inboxIpRate);
    }
}
