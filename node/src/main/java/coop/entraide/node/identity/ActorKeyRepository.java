package coop.entraide.node.identity;

import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * The private keys of local actors. Only signing code should read them; nothing that renders an
 * actor or answers the API does.
 */
public final class ActorKeyRepository {

    /** The private halves of a local actor's two keys, PKCS#8 PEM. */
    public record PrivateKeys(long actorId, String rsaPrivateKeyPem, String ed25519PrivateKeyPem) {
        static PrivateKeys fromRow(Row row) {
            return new PrivateKeys(row.getLong("actor_id"), row.getString("rsa_private_key_pem"),
                    row.getString("ed25519_private_key_pem"));
        }

        @Override
        public String toString() {
            return "PrivateKeys[actorId=" + actorId + ", (redacted)]";
        }
    }

    public Future<Void> insert(SqlClient client, long actorId, ActorKeys keys) {
        return client.preparedQuery("""
                        INSERT INTO actor_private_keys (actor_id, rsa_private_key_pem, ed25519_private_key_pem)
                        VALUES ($1, $2, $3)""")
                .execute(Tuple.of(actorId, keys.rsaPrivateKeyPem(), keys.ed25519PrivateKeyPem()))
                .mapEmpty();
    }

    public Future<Optional<PrivateKeys>> forActor(SqlClient client, long actorId) {
        return client.preparedQuery("""
                        SELECT actor_id, rsa_private_key_pem, ed25519_private_key_pem
                        FROM actor_private_keys WHERE actor_id = $1""")
                .execute(Tuple.of(actorId))
                .map(rows -> SqlErrors.first(rows, PrivateKeys::fromRow));
    }
}
