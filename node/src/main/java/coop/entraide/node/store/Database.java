package coop.entraide.node.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;

/** The node's connection pool to PostgreSQL, embedded or external. */
public final class Database {
    private Database() {
    }

    public static Pool pool(Vertx vertx, URI url, int maxSize) {
        PgConnectOptions connect = PgConnectOptions.fromUri(url.toString())
                .setReconnectAttempts(2)
                .setReconnectInterval(500)
                .setCachePreparedStatements(true)
                .setPipeliningLimit(256);
        PoolOptions pool = new PoolOptions()
                .setMaxSize(maxSize)
                .setShared(false)
                .setName("entraide")
                .setConnectionTimeout(10)
                .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
        return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
    }

    /** A round trip, to tell at start-up (and in /health) whether the database answers. */
    public static Future<Void> ping(Pool pool) {
        return pool.query("SELECT 1").execute().mapEmpty();
    }
}
