package coop.entraide.node.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * Node-wide settings in {@code node_settings}. Values are JSON: a string, number, boolean, object
 * or array as Vert.x maps them.
 */
public final class NodeSettingsRepository {
    /** The base URL every local id was minted under, recorded at first start. */
    public static final String BASE_URL = "base_url";
    /** Whether people may create accounts themselves (NodeInfo {@code openRegistrations}). */
    public static final String OPEN_REGISTRATIONS = "open_registrations";
    /** A human name for the node (NodeInfo {@code metadata.nodeName}). */
    public static final String NODE_NAME = "node_name";
    /** A short description of the node (NodeInfo {@code metadata.nodeDescription}). */
    public static final String NODE_DESCRIPTION = "node_description";

    public Future<Optional<Object>> get(SqlClient client, String key) {
        return client.preparedQuery("SELECT value FROM node_settings WHERE key = $1")
                .execute(Tuple.of(key))
                .map(rows -> SqlErrors.first(rows, row -> row.getValue("value")));
    }

    /** Stores a value unless the key has one; answers the value now stored either way. */
    public Future<Object> putIfAbsent(SqlClient client, String key, Object value) {
        return client.preparedQuery("""
                        INSERT INTO node_settings (key, value) VALUES ($1, $2::jsonb)
                        ON CONFLICT (key) DO NOTHING""")
                .execute(Tuple.of(key, value))
                .compose(v -> get(client, key))
                .map(stored -> stored.orElse(value));
    }

    public Future<Void> put(SqlClient client, String key, Object value) {
        return client.preparedQuery("""
                        INSERT INTO node_settings (key, value) VALUES ($1, $2::jsonb)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()""")
                .execute(Tuple.of(key, value))
                .mapEmpty();
    }
}
