package coop.entraide.node.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.federation.actors.ActorLookupException;
import coop.entraide.node.federation.actors.RemoteActors;
import coop.entraide.node.federation.inbox.SignerKeys.SignerKey;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.Ref;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.Multikey;
import coop.entraide.protocol.proof.ObjectIntegrityProofs;
import coop.entraide.protocol.proof.ParsedProof;
import coop.entraide.protocol.proof.ProofParseResult;
import coop.entraide.protocol.proof.ProofResult;
import coop.entraide.protocol.proof.VerificationMethod;
import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.VerifyResult;
import io.vertx.core.Future;
import java.time.Clock;

/**
 * Decides who sent an inbox request. Every request must carry a valid HTTP signature; its key's
 * owner must be the activity's {@code actor}, unless the activity carries an FEP-8b32 proof made
 * with a key of that actor (an activity forwarded by a third server, PROTOCOL.md §5.7).
 *
 * <p>A cached key that fails to verify is fetched again once (its owner may have rotated keys).
 * A {@code Delete} of an actor by itself whose key cannot be fetched any more (the actor is gone,
 * or never existed for us) is dropped: there is nothing of it to delete here.
 */
final class InboxAuthenticator {

    /** Who sent a request, or why it is refused. */
    sealed interface Authentication {
    }

    /** {@code verifiedBy} as stored: {@code draft-cavage-12}, {@code rfc9421} or {@code fep-8b32}. */
    record Authenticated(Actor actor, String verifiedBy, SignatureScheme scheme, String keyId) implements Authentication {
    }

    /**
     * @param reason a {@link FailureReason} name, or {@code KEY_UNAVAILABLE} / {@code ACTOR_MISMATCH}
     * @param keyId  the key the signature named; null when none could be read
     */
    record Refused(int status, String reason, String detail, String keyId) implements Authentication {
    }

    /** Accepted (202) but not stored. */
    record Dropped(String why) implements Authentication {
    }

    static final String KEY_UNAVAILABLE = "KEY_UNAVAILABLE";
    static final String ACTOR_MISMATCH = "ACTOR_MISMATCH";

    private final SignerKeys keys;
    private final RemoteActors actors;
    private final Clock clock;

    InboxAuthenticator(SignerKeys keys, RemoteActors actors, Clock clock) {
        this.keys = keys;
        this.actors = actors;
        this.clock = clock;
    }

    Future<Authentication> authenticate(HttpMessage message, Activity activity, JsonNode body) {
        RequestSignature.Read read = RequestSignature.read(message);
        if (read instanceof RequestSignature.Unreadable u) {
            return refused(401, u.failure());
        }
        RequestSignature signature = ((RequestSignature.Found) read).signature();
        return keys.find(signature.keyId())
                .compose(key -> verify(signature, key, true))
                .compose(verified -> verified instanceof Verified v
                        ? owner(signature, v.key(), activity, body)
                        : Future.succeededFuture(((Rejected) verified).refusal()))
                .recover(e -> lookupFailed(e, signature, activity));
    }

    // --- the signature -------------------------------------------------------------------------

    private sealed interface Check {
    }

    private record Verified(SignerKey key) implements Check {
    }

    private record Rejected(Refused refusal) implements Check {
    }

    private Future<Check> verify(RequestSignature signature, SignerKey key, boolean mayRefetch) {
        VerifyResult result = signature.verify(key.key(), clock.instant());
        if (result instanceof VerifyResult.Failed failed) {
            if (mayRefetch && key.cached() && !key.owner().local() && isKeyProblem(failed.reason())) {
                return keys.refetch(key, signature.keyId()).compose(fresh -> verify(signature, fresh, false));
            }
            return Future.succeededFuture(new Rejected(refusal(401, failed)));
        }
        return Future.succeededFuture(new Verified(key));
    }

    /** Failures a new key could cure; a bad digest or an old Date would fail again. */
    private static boolean isKeyProblem(FailureReason reason) {
        return reason == FailureReason.BAD_SIGNATURE || reason == FailureReason.KEY_MISMATCH
                || reason == FailureReason.UNKNOWN_ALGORITHM;
    }

    // --- who it speaks for ---------------------------------------------------------------------

    private Future<Authentication> owner(RequestSignature signature, SignerKey key, Activity activity, JsonNode body) {
        Actor signer = key.owner();
        if (signer.uri().equals(activity.actorId())) {
            return Future.succeededFuture(new Authenticated(signer, signature.scheme().id(), signature.scheme(),
                    signature.keyId()));
        }
        ProofParseResult proof = ObjectIntegrityProofs.parse(body);
        if (proof instanceof ProofResult.Failed failed) {
            return Future.succeededFuture(new Refused(403, ACTOR_MISMATCH, "the request is signed by " + signer.uri()
                    + " for an activity of " + activity.actorId() + ", without a valid FEP-8b32 proof ("
                    + failed + ")", signature.keyId()));
        }
        ParsedProof parsed = (ParsedProof) proof;
        return actors.resolve(activity.actorId())
                .map(actor -> proofOf(actor, parsed, signature))
                .recover(e -> Future.succeededFuture(new Refused(403, ACTOR_MISMATCH, "forwarded by " + signer.uri()
                        + ", but the actor " + activity.actorId() + " cannot be had: " + e.getMessage(), signature.keyId())));
    }

    private Authentication proofOf(Actor actor, ParsedProof proof, RequestSignature signature) {
        if (!proof.verificationMethod().equals(actor.multikeyId()) || actor.publicKeyMultibase() == null) {
            return new Refused(403, ACTOR_MISMATCH, "the proof's key " + proof.verificationMethod()
                    + " is not a key of " + actor.uri(), signature.keyId());
        }
        VerificationMethod method;
        try {
            method = new VerificationMethod(actor.multikeyId(), actor.uri(),
                    Multikey.decodePublicKey(actor.publicKeyMultibase()));
        } catch (KeyFormatException e) {
            return new Refused(403, ACTOR_MISMATCH, "the key of " + actor.uri() + " cannot be read", signature.keyId());
        }
        ProofResult result = ObjectIntegrityProofs.verify(proof, method, clock.instant());
        if (result instanceof ProofResult.Failed failed) {
            return new Refused(403, ACTOR_MISMATCH, "the FEP-8b32 proof does not verify: " + failed, signature.keyId());
        }
        return new Authenticated(actor, "fep-8b32", signature.scheme(), signature.keyId());
    }

    // --- failures ------------------------------------------------------------------------------

    private static Future<Authentication> lookupFailed(Throwable e, RequestSignature signature, Activity activity) {
        if (!(e instanceof ActorLookupException lookup)) {
            return Future.failedFuture(e);
        }
        boolean gone = lookup.reason() == ActorLookupException.Reason.GONE
                || lookup.reason() == ActorLookupException.Reason.NOT_FOUND;
        if (gone && isSelfDelete(activity)) {
            return Future.succeededFuture(new Dropped("Delete of " + activity.actorId() + ", whose key is gone: "
                    + lookup.getMessage()));
        }
        return Future.succeededFuture(new Refused(401, KEY_UNAVAILABLE, "the key " + signature.keyId()
                + " cannot be used: " + lookup, signature.keyId()));
    }

    static boolean isSelfDelete(Activity activity) {
        return activity.is("Delete") && activity.object().map(Ref::id).filter(activity.actorId()::equals).isPresent();
    }

    private static Future<Authentication> refused(int status, VerifyResult.Failed failure) {
        return Future.succeededFuture(refusal(status, failure));
    }

    private static Refused refusal(int status, VerifyResult.Failed failure) {
        return new Refused(status, failure.reason().name(), failure.detail(), failure.keyId());
    }
}
