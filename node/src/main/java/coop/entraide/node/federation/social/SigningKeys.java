package coop.entraide.node.federation.social;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.ActorKeyRepository;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.Pem;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proof signers of local actors, read from {@code actor_private_keys} once and kept: a key
 * never changes for the life of an actor.
 */
public final class SigningKeys {
    private final ActorKeyRepository keys = new ActorKeyRepository();
    private final Map<Long, ObjectSigner> signers = new ConcurrentHashMap<>();

    public Future<ObjectSigner> signerFor(SqlClient client, Actor actor) {
        if (!actor.local()) {
            return Future.failedFuture(new IllegalArgumentException(actor.uri() + " is not a local actor"));
        }
        ObjectSigner known = signers.get(actor.id());
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return keys.forActor(client, actor.id()).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new IllegalStateException("local actor " + actor.uri() + " has no keys"));
            }
            try {
                PrivateKey key = Pem.readPrivateKey(found.get().ed25519PrivateKeyPem());
                if (!(key instanceof EdECPrivateKey ed)) {
                    return Future.failedFuture(new IllegalStateException("the proof key of " + actor.uri() + " is not Ed25519"));
                }
                ObjectSigner signer = new ObjectSigner(actor.multikeyId(), ed);
                signers.put(actor.id(), signer);
                return Future.succeededFuture(signer);
            } catch (KeyFormatException | IllegalArgumentException e) {
                return Future.failedFuture(new IllegalStateException("the proof key of " + actor.uri() + " is unreadable", e));
            }
        });
    }
}
