package coop.entraide.node.cli;

import coop.entraide.node.config.NodeConfig;
import coop.entraide.node.config.Settings;
import picocli.CommandLine.Option;

/**
 * The settings every command that opens a node's data shares. Each flag has an environment
 * variable of the same name ({@code --base-url} ↔ {@code ENTRAIDE_BASE_URL}); a flag wins over
 * the variable, the variable over the default.
 */
public final class NodeOptions {
    @Option(names = "--base-url", paramLabel = "URL",
            description = "Public address of this node; every id is built from it (e.g. https://voisins.example). "
                    + "Default: http://<bind>:<port>.")
    String baseUrl;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}. Use 0.0.0.0 behind a reverse proxy in a container.")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP port to listen on. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "Directory for the embedded database, uploads and the lock file. Default: ${DEFAULT-VALUE}.")
    String dataDir;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "External PostgreSQL, as postgres://user:password@host:5432/database. "
                    + "Default: none, an embedded PostgreSQL 17 runs in the data directory.")
    String databaseUrl;

    @Option(names = "--allow-private-network", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Allow outgoing requests to loopback and private addresses (local testing only). Default: ${DEFAULT-VALUE}.")
    boolean allowPrivateNetwork;

    @Option(names = "--inbox-rate", paramLabel = "RATE[:BURST]", defaultValue = "50:200",
            description = "Inbox requests accepted per second from each remote server, and the burst allowed; "
                    + "'off' disables. Beyond it, servers are answered 429 with Retry-After. Default: ${DEFAULT-VALUE}.")
    String inboxRate;

    @Option(names = "--inbox-ip-rate", paramLabel = "RATE[:BURST]", defaultValue = "100:400",
            description = "Inbox requests accepted per second from each client address (IPv6: each /64), "
                    + "and the burst allowed; 'off' disables. Default: ${DEFAULT-VALUE}.")
    String inboxIpRate;

    public NodeConfig toConfig() {
        return Settings.parse(baseUrl, bind, port, dataDir, databaseUrl, allowPrivateNetwork, inboxRate, inboxIpRate);
    }
}
