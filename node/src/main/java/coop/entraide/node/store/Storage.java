package coop.entraide.node.store;

import coop.entraide.node.Blocking;
import coop.entraide.node.config.ConfigException;
import coop.entraide.node.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opening the database for a process: connect, check it answers, bring its schema up to date. */
public final class Storage {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

    private Storage() {
    }

    /** Blocking. The caller closes the pool. */
    public static Pool openMigrated(Vertx vertx, URI url, int poolSize) {
        Pool pool = Database.pool(vertx, url, poolSize);
        try {
            try {
                Blocking.await(Database.ping(pool), 20, "connecting to the database");
            } catch (RuntimeException e) {
                throw new ConfigException("--database-url", "cannot reach the database at "
                        + Settings.redacted(url) + " (" + Blocking.rootMessage(e) + ")", e);
            }
            Migrations.Outcome outcome = Blocking.await(Migrations.bundled().migrate(pool), 120, "migrating the database");
            if (!outcome.applied().isEmpty()) {
                LOG.info("database schema upgraded from version {} to {}", outcome.fromVersion(), outcome.toVersion());
            }
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
