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
import java.util.Optional;
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
        return signerFor(client, actor.id(), actor.multikeyId()).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new IllegalStateException("local actor " + actor.uri() + " has no keys"))));
    }

    /**
     * The signer of the local actor with this row id, whose key is {@code verificationMethod}
     * ({@code {actor}#ed25519-key}); empty when the actor has no keys.
     */
    public Future<Optional<ObjectSigner>> signerFor(SqlClient client, long actorId, String verificationMethod) {
        ObjectSigner known = signers.get(actorId);
        if (known != null) {
            return Future.succeededFuture(Optional.of(known));
        }
        return keys.forActor(client, actorId).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            try {
                PrivateKey key = Pem.readPrivateKey(found.get().ed25519PrivateKeyPem());
                if (!(key instanceof EdECPrivateKey ed)) {
                    return Future.failedFuture(new IllegalStateException("the proof key of " + verificationMethod + " is not Ed25519"));
                }
                ObjectSigner signer = new ObjectSigner(verificationMethod, ed);
                signers.put(actorId, signer);
                return Future.succeededFuture(Optional.of(signer));
            } catch (KeyFormatException | IllegalArgumentException e) {
                return Future.failedFuture(new IllegalStateException("the proof key of " + verificationMethod + " is unreadable", e));
            }
        });
    }
}
