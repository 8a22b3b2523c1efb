package coop.entraide.node.cli;

import coop.entraide.node.Blocking;
import coop.entraide.node.Uris;
import coop.entraide.node.config.ConfigException;
import coop.entraide.node.config.NodeConfig;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.identity.PasswordHasher;
import coop.entraide.node.store.DatabaseAccess;
import coop.entraide.node.store.NodeSettingsRepository;
import coop.entraide.node.store.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;

/**
 * An admin command's access to a node's data: the running node's database if there is one, or
 * the data directory itself. Ids are minted under the base URL the node recorded at its first
 * start, so that an operator who forgets {@code --base-url} cannot create unreachable actors.
 */
final class AdminSession implements AutoCloseable {
    private final DatabaseAccess database;
    private final Vertx vertx;
    private final Pool pool;
    private final NodeOptions options;
    private final PrintWriter err;
    private IdentityService identity;

    private AdminSession(DatabaseAccess database, Vertx vertx, Pool pool, NodeOptions options, PrintWriter err) {
        this.database = database;
        this.vertx = vertx;
        this.pool = pool;
        this.options = options;
        this.err = err;
    }

    static AdminSession open(NodeOptions options, PrintWriter err) {
        NodeConfig config = options.toConfig();
        DatabaseAccess database = DatabaseAccess.shareOrOwn(config);
        Vertx vertx = null;
        try {
            vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
            Pool pool = Storage.openMigrated(vertx, database.url(), 2);
            return new AdminSession(database, vertx, pool, options, err);
        } catch (RuntimeException e) {
            if (vertx != null) {
                Blocking.await(vertx.close(), 30, "stopping");
            }
            database.close();
            throw e;
        }
    }

    private static URI baseUrl(NodeOptions options, NodeConfig config, Pool pool, PrintWriter err) {
        Optional<Object> stored = Blocking.await(
                new NodeSettingsRepository().get(pool, NodeSettingsRepository.BASE_URL), 30, "reading the node's settings");
        if (stored.isPresent() && stored.get() instanceof String recorded) {
            if (options.baseUrl != null && !new Uris(config.baseUrl()).base().equals(recorded)) {
                throw new ConfigException("--base-url", "this node's ids are under " + recorded
                        + ", not " + config.baseUrl() + "; leave out --base-url or give that one");
            }
            return URI.create(recorded);
        }
        if (options.baseUrl == null) {
            err.println("note: this node has not started yet; ids are minted under " + config.baseUrl()
                    + " (give --base-url to choose the public address)");
            err.flush();
        }
        return config.baseUrl();
    }

    /**
     * Accounts and actors, with ids minted under the node's recorded base URL; resolved on first
     * use, so that commands which mint no ids (domain policies) need no base URL at all.
     */
    IdentityService identity() {
        if (identity == null) {
            URI base = baseUrl(options, options.toConfig(), pool, err);
            identity = new IdentityService(vertx, pool, new Uris(base), new PasswordHasher());
        }
        return identity;
    }

    /** The node's database, for commands that work on it directly. */
    Pool pool() {
        return pool;
    }

    <T> T await(Future<T> future) {
        return Blocking.await(future, 120, "the command");
    }

    @Override
    public void close() {
        try {
            Blocking.await(pool.close(), 10, "closing the database pool");
            Blocking.await(vertx.close(), 30, "stopping");
        } finally {
            database.close();
        }
    }
}
