package coop.entraide.node.store;

import coop.entraide.node.config.ConfigException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL 17 server run by the node itself inside its data directory, for volunteers who do
 * not want to install one. Its files stay in {@code <data-dir>/postgres} across restarts; it
 * listens on loopback only and is stopped when the node stops.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Blocking: initialises the cluster on first use, then starts it. Never call on an event loop. */
    public static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Files.createDirectories(pgData);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "on")
                    .start();
            return new EmbeddedDatabase(pg);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("--data-dir", "could not start the embedded PostgreSQL in " + pgData
                    + " (" + e.getMessage() + "); see " + pgData + " and the log above", e);
        }
    }

    /** Connection URL for the node's own pool. */
    public URI url() {
        return URI.create("postgres://postgres@127.0.0.1:" + postgres.getPort() + "/postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // The server is stopped with pg_ctl; if that fails, its own shutdown on exit still runs.
        }
    }
}
