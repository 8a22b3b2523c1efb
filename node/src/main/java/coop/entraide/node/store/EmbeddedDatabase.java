package coop.entraide.node.store;

import coop.entraide.node.config.ConfigException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A PostgreSQL 17 server run by the node itself inside its data directory, for volunteers who do
 * not want to install one. Its files stay in {@code <data-dir>/postgres} across restarts; it
 * listens on loopback only and is stopped when the node stops.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /**
     * Settings for a small server (a few GB of memory, an SSD) that PostgreSQL's defaults, made
     * for any machine, leave too cautious. Memory is only reserved as it is used.
     * <ul>
     *   <li>{@code shared_buffers}: PostgreSQL's own cache; 256 MB keeps the indexes and recent
     *       rows of a node with a million offers in memory (the default is 128 MB).</li>
     *   <li>{@code effective_cache_size}: how much the planner may count on being cached by the
     *       system as well; a hint, nothing is reserved.</li>
     *   <li>{@code random_page_cost}: reading a page out of order costs little more than in order
     *       on an SSD; the default 4 suits spinning disks and drives plans away from indexes.</li>
     *   <li>{@code work_mem}: per sort or bitmap; enough for the bitmap of a common word over a
     *       million offers to stay exact instead of rechecking whole pages.</li>
     *   <li>{@code maintenance_work_mem}: index builds (migrations) and vacuum.</li>
     *   <li>{@code max_parallel_workers_per_gather}: none. A node answers many small requests at
     *       once on a few cores; workers that help one query (and take milliseconds to start)
     *       slow down all the others.</li>
     * </ul>
     */
    static final Map<String, String> SMALL_SERVER = Map.of(
            "shared_buffers", "256MB",
            "effective_cache_size", "1GB",
            "random_page_cost", "1.1",
            "work_mem", "16MB",
            "maintenance_work_mem", "128MB",
            "max_parallel_workers_per_gather", "0");

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Blocking: initialises the cluster on first use, then starts it. Never call on an event loop. */
    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * As {@link #start(Path)}, with server settings added to (or replacing) ours: for benchmarks
     * that load {@code pg_stat_statements}, for instance.
     */
    public static EmbeddedDatabase start(Path dataDir, Map<String, String> settings) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Files.createDirectories(pgData);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    // Durable commits: an inbox answers 202 once its row is committed, and that
                    // promise must survive a crash of the machine. The embedded server's library
                    // turns synchronous_commit off by default; concurrent commits still share
                    // one flush, and the inbox and its worker commit in batches under load.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            SMALL_SERVER.forEach(builder::setServerConfig);
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
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
