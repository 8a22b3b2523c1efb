package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.actors.RemoteActors;
import coop.entraide.node.federation.delivery.ActorSigners;
import coop.entraide.node.federation.fetch.FetchFailure;
import coop.entraide.node.federation.fetch.FetchRequest;
import coop.entraide.node.federation.fetch.FetchResult;
import coop.entraide.node.federation.fetch.SafeFetcher;
import coop.entraide.node.federation.policy.DomainPolicies;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsObject;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.as.Ref;
import coop.entraide.protocol.json.JsonReadResult;
import coop.entraide.protocol.json.StrictJsonReader;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.Multikey;
import coop.entraide.protocol.proof.ObjectIntegrityProofs;
import coop.entraide.protocol.proof.ParsedProof;
import coop.entraide.protocol.proof.ProofResult;
import coop.entraide.protocol.proof.VerificationMethod;
import io.vertx.core.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Objects of other servers that reach us by reference or through a third party (an Announce):
 * an embedded copy is trusted only with a valid FEP-8b32 proof by its author; otherwise the object
 * is fetched from its id with a signed GET by the instance actor, and kept only if it was served by
 * its own origin and its author lives on that origin too (FEP-fe34). Nothing is requested from a
 * domain the policy refuses.
 */
public final class RemoteObjects {
    static final String ACCEPT = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    /** An object found, or why not. */
    public sealed interface Result {
        /** The object, authentic. */
        record Found(ObjectNode object, AsObject parsed) implements Result {
        }

        /**
         * Not obtained; {@code why} is for logs. {@code passing}: the server did not answer usefully
         * now (network failure, timeout, 5xx, 429), so asking again later may succeed.
         */
        record Unavailable(String why, boolean passing) implements Result {
            public Unavailable(String why) {
                this(why, false);
            }
        }
    }

    private final Function<FetchRequest, Future<FetchResult>> fetcher;
    private final ActorSigners signers;
    private final String instanceActor;
    private final RemoteActors actors;
    private final Clock clock;
    private final Predicate<String> refusedAuthority;

    /** @param refusedAuthority whether the domain policy refuses a host ({@code name[:port]}): nothing is fetched from it */
    public RemoteObjects(Function<FetchRequest, Future<FetchResult>> fetcher, ActorSigners signers, String instanceActor,
                         RemoteActors actors, Clock clock, Predicate<String> refusedAuthority) {
        this.fetcher = fetcher;
        this.refusedAuthority = refusedAuthority;
        this.signers = signers;
        this.instanceActor = instanceActor;
        this.actors = actors;
        this.clock = clock;
    }

    public static RemoteObjects of(SafeFetcher fetcher, ActorSigners signers, String instanceActor, RemoteActors actors,
                                   Clock clock, DomainPolicies policies) {
        return new RemoteObjects(fetcher::fetch, signers, instanceActor, actors, clock,
                authority -> policies.decide(authority).rejected());
    }

    /** The object a reference names: its embedded copy when proven, else a fresh fetch. */
    public Future<Result> obtain(Ref ref) {
        if (ref.isEmbedded() && ref.node().isObject() && ref.node().has("proof")) {
            ObjectNode embedded = (ObjectNode) ref.node();
            return verifyProof(embedded).compose(proven -> proven
                    ? Future.succeededFuture(parsed(embedded))
                    : fetch(ref.id()));
        }
        return fetch(ref.id());
    }

    private Future<Boolean> verifyProof(ObjectNode object) {
        return provenBy(object).map(Optional::isPresent);
    }

    /**
     * The actor whose valid FEP-8b32 proof {@code document} (an object or an activity) carries;
     * empty without a proof, with an invalid one, or with one by an actor of another origin than the
     * document's id. A document proven so may be trusted whoever forwarded it.
     */
    public Future<Optional<Actor>> provenBy(ObjectNode document) {
        if (!(ObjectIntegrityProofs.parse(document) instanceof ParsedProof proof) || proof.owner().isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        if (!Origins.same(document.path(As.ID).asText(), proof.owner().get())) {
            return Future.succeededFuture(Optional.empty());
        }
        return actors.resolve(proof.owner().get())
                .map(owner -> verify(proof, owner) ? Optional.of(owner) : Optional.<Actor>empty())
                .otherwise(Optional.empty());
    }

    private boolean verify(ParsedProof proof, Actor owner) {
        if (owner.multikeyId() == null || !owner.multikeyId().equals(proof.verificationMethod())
                || owner.publicKeyMultibase() == null) {
            return false;
        }
        try {
            VerificationMethod method = new VerificationMethod(owner.multikeyId(), owner.uri(),
                    Multikey.decodePublicKey(owner.publicKeyMultibase()));
            return ObjectIntegrityProofs.verify(proof, method, clock.instant()) instanceof ProofResult.Verified;
        } catch (KeyFormatException e) {
            return false;
        }
    }

    /** Fetches an object by id and checks where it came from. */
    public Future<Result> fetch(String id) {
        URI uri;
        try {
            uri = id == null ? null : URI.create(id);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || Origins.of(id).isEmpty()) {
            return Future.succeededFuture(new Result.Unavailable("not a web id: " + id));
        }
        if (refusedAuthority.test(uri.getRawAuthority())) {
            return Future.succeededFuture(new Result.Unavailable(id + " is on a domain this node refuses"));
        }
        FetchRequest request = FetchRequest.get(uri, ACCEPT);
        return signers.signerFor(instanceActor)
                .compose(signer -> fetcher.apply(request.signedBy(signer)))
                .map(result -> checked(id, result))
                .otherwise(e -> new Result.Unavailable("fetching " + id + " failed: " + e.getMessage(), true));
    }

    private Result checked(String id, FetchResult result) {
        if (!(result instanceof FetchResult.Ok ok)) {
            return new Result.Unavailable("fetching " + id + ": " + describe(result), passing(result));
        }
        if (!Origins.same(ok.uri().toString(), id)) {
            return new Result.Unavailable(id + " was served by another origin: " + ok.uri());
        }
        JsonReadResult read = StrictJsonReader.withDefaults().readObject(new String(ok.body(), StandardCharsets.UTF_8));
        if (!(read instanceof JsonReadResult.Parsed parsedJson) || !parsedJson.value().isObject()) {
            return new Result.Unavailable(id + " is not a JSON object");
        }
        ObjectNode object = (ObjectNode) parsedJson.value();
        JsonNode fetchedId = object.get(As.ID);
        if (fetchedId == null || !id.equals(fetchedId.asText())) {
            return new Result.Unavailable(id + " answered with another id: " + fetchedId);
        }
        Result found = parsed(object);
        if (found instanceof Result.Found f && f.parsed().attributedToId().map(author -> !Origins.same(author, id)).orElse(true)) {
            return new Result.Unavailable(id + " is not attributed to an actor of its own origin");
        }
        return found;
    }

    private static Result parsed(ObjectNode object) {
        Parsed<AsObject> parsed = AsObject.parse(object);
        if (parsed instanceof Parsed.Ok<AsObject> ok) {
            return new Result.Found(object, ok.value());
        }
        return new Result.Unavailable("not an object: " + parsed.failure().orElse(""));
    }

    private static boolean passing(FetchResult result) {
        if (result instanceof FetchResult.HttpError error) {
            return error.status() >= 500 || error.status() == 429;
        }
        return result instanceof FetchResult.Failed failed
                && (failed.reason() == FetchFailure.TIMEOUT || failed.reason() == FetchFailure.CONNECTION_FAILED
                    || failed.reason() == FetchFailure.SIGNING_FAILED);
    }

    private static String describe(FetchResult result) {
        if (result instanceof FetchResult.HttpError error) {
            return "HTTP " + error.status();
        }
        if (result instanceof FetchResult.Failed failed) {
            return failed.reason() + " " + (failed.detail() == null ? "" : failed.detail());
        }
        return result.toString();
    }
}
