package coop.entraide.node.federation.delivery;

import coop.entraide.node.federation.fetch.RequestSigner;
import io.vertx.core.Future;

/** Finds the signer for requests made on behalf of a local actor (its private key). */
@FunctionalInterface
public interface ActorSigners {
    /** Sends unsigned requests; for tests and for servers that accept them. */
    ActorSigners UNSIGNED = actorId -> Future.succeededFuture(RequestSigner.NONE);

    Future<RequestSigner> signerFor(String actorId);
}
