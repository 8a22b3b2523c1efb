package coop.entraide.node.offers;

import static coop.entraide.node.federation.inbox.ActivityHandler.decided;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.actors.ActorLookupException;
import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.node.federation.social.FollowChanges;
import coop.entraide.node.federation.social.RemoteObjects;
import coop.entraide.node.federation.social.SocialContext;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsObject;
import coop.entraide.protocol.as.Normalize;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.as.Ref;
import coop.entraide.protocol.offers.FederatedOffer;
import coop.entraide.protocol.offers.OfferDocuments;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Create}, {@code Update}, {@code Delete} and {@code Announce} of Entraide offers, and
 * replies to our offers. Registered before the social handlers: it answers {@code Ignored} for
 * anything that is not an offer (nor a reply to one of ours), which the social handlers then keep
 * as content; what it applies is not stored a second time as a post.
 *
 * <ul>
 *   <li>A Create or Update by the offer's author (the HTTP signature names the sender; an FEP-8b32
 *       proof, when present, must be the sender's) is stored or applied; a new offer only when it
 *       concerns this node: its author or its collective is followed here, or it is addressed to
 *       one of ours.</li>
 *   <li>An Announce by an actor followed here (a neighbourhood, FEP-1b12) of an offer, or of the
 *       author's Create, Update or Delete of one: trusted when it carries its author's valid proof,
 *       otherwise the offer is fetched from its own origin.</li>
 *   <li>Only the author may change or delete an offer; nobody elsewhere may change ours.</li>
 *   <li>A Create given by id is fetched from that id (and an Update by id, of an offer held here):
 *       what its origin serves is the author's.</li>
 *   <li>A reply to one of our offers (Mastodon and the like) becomes a response.</li>
 * </ul>
 *
 * <p>Everything fetched from other servers (the offer, its author, the owner of a proof's key) is
 * fetched in {@link #prepare}, before the inbox's transaction, which then checks and writes. A
 * server that cannot answer now fails the preparation, so the activity is tried again later; an
 * answer that will not change (404, a wrong origin, a refused domain) ends it as ignored.
 */
public final class OfferActivityHandler implements ActivityHandler {
    private static final String NOT_A_REPLY = "not a reply to one of our offers";
    private final RemoteOffers offers;
    private final SocialContext social;

    public OfferActivityHandler(RemoteOffers offers, SocialContext social) {
        this.offers = offers;
        this.social = social;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.CREATE, As.UPDATE, As.DELETE, As.ANNOUNCE);
    }

    /** Without a preparation the fetches happen here, inside the caller's transaction. */
    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        return prepare(tx, in).compose(prepared -> prepared.write(tx));
    }

    /**
     * Fetches what the activity needs (an offer given by id, an announced offer and its author, the
     * owner of a proof); {@code db} only decides whether a fetch is worth it.
     */
    @Override
    public Future<Prepared> prepare(SqlClient db, InboundActivity in) {
        return prepare(db, in, FollowedHere.ASKING);
    }

    /**
     * Whether the senders, authors and collectives of a batch's offers are followed here is asked
     * once for the activities applied before anything in the batch may change who is followed
     * ({@link FollowChanges}); those after it ask in the transaction, where the change is seen.
     */
    @Override
    public List<Future<Prepared>> prepareAll(SqlClient db, List<InboundActivity> mine, List<InboundActivity> batch) {
        long firstFollowChange = FollowChanges.firstRow(batch);
        Set<Long> actors = new HashSet<>();
        Set<String> collectives = new HashSet<>();
        for (InboundActivity in : mine) {
            if (in.row() < firstFollowChange) {
                mayAskAbout(in, actors, collectives);
            }
        }
        Future<FollowedHere> known = actors.isEmpty()
                ? Future.succeededFuture(FollowedHere.ASKING)
                : FollowedHere.askedOnce(db, actors, collectives);
        List<Future<Prepared>> prepared = new ArrayList<>(mine.size());
        for (InboundActivity in : mine) {
            Future<FollowedHere> followed = in.row() < firstFollowChange ? known : Future.succeededFuture(FollowedHere.ASKING);
            prepared.add(followed.compose(f -> prepare(db, in, f)));
        }
        return prepared;
    }

    /**
     * Who may have to be followed here for the activity's offer to be kept, as far as it shows
     * before it is prepared: the sender of an embedded offer or of an Announce, and the collective
     * an embedded offer names. Nothing for anything else, so that a batch without offers asks
     * nothing; what is not gathered here is asked as it comes.
     */
    private static void mayAskAbout(InboundActivity in, Set<Long> actors, Set<String> collectives) {
        Optional<Ref> object = in.activity().object();
        if (object.isEmpty() || !object.get().isEmbedded() || in.activity().is(As.DELETE)) {
            return;
        }
        if (in.activity().is(As.ANNOUNCE)) {
            actors.add(in.actor().id());
            return;
        }
        JsonNode node = object.get().node();
        if (RemoteOffers.isOffer(node)) {
            actors.add(in.actor().id());
            String collective = idOf(node.get(As.AUDIENCE));
            if (collective != null) {
                collectives.add(collective);
            }
        }
    }

    private Future<Prepared> prepare(SqlClient db, InboundActivity in, FollowedHere followed) {
        Optional<Ref> object = in.activity().object();
        if (object.isEmpty() || object.get().id() == null && !object.get().isEmbedded()) {
            return decided(ActivityHandler.ignored("no object"));
        }
        Activity activity = in.activity();
        if (activity.is(As.ANNOUNCE)) {
            return announced(db, in, object.get(), followed);
        }
        if (activity.is(As.DELETE)) {
            return Future.succeededFuture(tx -> deleted(tx, in.actor(), object.get().id()));
        }
        if (!object.get().isEmbedded()) {
            return byReference(db, in, object.get().id(), followed);
        }
        // One copy of the embedded object: each call to node() makes another.
        if (!(object.get().node() instanceof ObjectNode node)) {
            return decided(ActivityHandler.ignored("the object is not embedded"));
        }
        if (!RemoteOffers.isOffer(node)) {
            if (!activity.is(As.CREATE)) {
                return decided(ActivityHandler.ignored("not an offer"));
            }
            // Most Creates are no reply at all: decided without reading the whole object.
            return Normalize.absent(node.get(As.IN_REPLY_TO))
                    ? decided(ActivityHandler.ignored(NOT_A_REPLY))
                    : Future.succeededFuture(tx -> reply(tx, in, node));
        }
        if (!node.has("proof")) {
            return Future.succeededFuture(tx -> apply(tx, in.actor(), node, in, followed));
        }
        return social.remoteObjects().provenBy(node).map(prover -> prover.map(p -> p.id() == in.actor().id()).orElse(false)
                ? tx -> apply(tx, in.actor(), node, in, followed)
                : Prepared.decided(new Outcome.Refused("the offer's proof is not its sender's")));
    }

    /**
     * A Create (or an Update of an offer held here) that gives only the object's id: the object is
     * fetched from its origin, which vouches for it as the author's own.
     */
    private Future<Prepared> byReference(SqlClient db, InboundActivity in, String id, FollowedHere followed) {
        if (social.uris().isLocal(id)) {
            return decided(ActivityHandler.ignored("names one of our own objects"));
        }
        Future<Boolean> worth = in.activity().is(As.CREATE) ? Future.succeededFuture(true) : offers.holds(db, id);
        return worth.compose(worthFetching -> !worthFetching
                ? decided(ActivityHandler.ignored("the object is not embedded"))
                : social.remoteObjects().fetch(id).compose(result -> {
                    if (result instanceof RemoteObjects.Result.Unavailable unavailable) {
                        return unobtained(unavailable);
                    }
                    RemoteObjects.Result.Found found = (RemoteObjects.Result.Found) result;
                    if (RemoteOffers.isOffer(found.object())) {
                        return Future.succeededFuture(tx -> apply(tx, in.actor(), found.object(), in, followed));
                    }
                    return in.activity().is(As.CREATE)
                            ? Future.succeededFuture(tx -> reply(tx, in, found.object()))
                            : decided(ActivityHandler.ignored("not an offer"));
                }));
    }

    /** A reply to one of our offers becomes a response; anything else is left to the social handlers. */
    private Future<Outcome> reply(SqlConnection tx, InboundActivity in, ObjectNode node) {
        Parsed<AsObject> parsed = AsObject.parse(node);
        if (!(parsed instanceof Parsed.Ok<AsObject> ok) || ok.value().inReplyTo() == null
                || !social.uris().isLocal(ok.value().inReplyTo().id())) {
            return ActivityHandler.ignored(NOT_A_REPLY);
        }
        return offers.replyToOffer(tx, in.actor(), ok.value());
    }

    /** Stores or updates an offer written by {@code author}, if it is already here or concerns us. */
    private Future<Outcome> apply(SqlConnection tx, Actor author, ObjectNode offer, InboundActivity in, FollowedHere followed) {
        String id = offer.path(As.ID).asText("");
        return offers.holds(tx, id).compose(held -> held
                ? Future.succeededFuture(true)
                : concernsUs(tx, author, offer, in, followed))
                .compose(concerned -> concerned
                        ? offers.receive(tx, author, offer)
                        : ActivityHandler.ignored("an offer from nobody followed here"));
    }

    private Future<Boolean> concernsUs(SqlConnection tx, Actor author, ObjectNode offer, InboundActivity in,
                                       FollowedHere followed) {
        if (in.activity().addressing().recipients().stream().anyMatch(r -> social.uris().parseActor(r).isPresent())) {
            return Future.succeededFuture(true);
        }
        String collective = OfferDocuments.parse(offer).toOptional().map(FederatedOffer::collective).orElse(null);
        return followed.actor(tx, in.actor().id())
                .compose(f -> f ? Future.succeededFuture(true) : followed.actor(tx, author.id()))
                .compose(f -> f || collective == null ? Future.succeededFuture(f) : followed.collective(tx, collective));
    }

    private Future<Outcome> deleted(SqlConnection tx, Actor sender, String id) {
        if (id == null) {
            return ActivityHandler.ignored("a Delete of nothing");
        }
        return offers.holds(tx, id).compose(held -> held
                ? offers.delete(tx, sender, id)
                : ActivityHandler.ignored("not an offer held here"));
    }

    // --- Announce (FEP-1b12) ------------------------------------------------------------------

    private Future<Prepared> announced(SqlClient db, InboundActivity in, Ref object, FollowedHere followed) {
        if (!object.isEmbedded() || !object.node().isObject()) {
            // A boost by id of an offer we hold: nothing more to keep, and it must not become a post.
            return Future.succeededFuture(tx -> offers.holds(tx, object.id()).compose(held -> held
                    ? ActivityHandler.applied()
                    : ActivityHandler.ignored("not an offer held here")));
        }
        ObjectNode node = (ObjectNode) object.node();
        if (RemoteOffers.isOffer(node)) {
            return announcedOffer(db, in, node, followed);
        }
        if (object.is(As.CREATE) || object.is(As.UPDATE)) {
            JsonNode inner = node.get(As.OBJECT_PROPERTY);
            if (inner == null || !inner.isObject() || !RemoteOffers.isOffer(inner)) {
                return decided(ActivityHandler.ignored("announces an activity that carries no offer"));
            }
            return social.remoteObjects().provenBy(node).compose(prover -> {
                String actor = idOf(node.get(As.ACTOR));
                if (prover.isPresent() && prover.get().uri().equals(actor)) {
                    return Future.succeededFuture(tx -> apply(tx, prover.get(), (ObjectNode) inner, in, followed));
                }
                return confirm(in, (ObjectNode) inner, followed);
            });
        }
        if (object.is(As.DELETE)) {
            return announcedDelete(db, node);
        }
        return decided(ActivityHandler.ignored("not an offer"));
    }

    /**
     * The announced offer itself, when its announcer is followed here or the offer is held (checked
     * again in the transaction): confirmed by its author's proof or at its origin.
     */
    private Future<Prepared> announcedOffer(SqlClient db, InboundActivity in, ObjectNode node, FollowedHere followed) {
        String id = node.path(As.ID).asText("");
        return welcome(db, in, id, followed)
                .compose(welcome -> welcome ? confirm(in, node, followed).map(Optional::of)
                        : Future.succeededFuture(Optional.<Prepared>empty()))
                .map(confirmed -> tx -> welcome(tx, in, id, followed).compose(welcome -> {
                    if (!welcome) {
                        return ActivityHandler.ignored("an Announce from an actor nobody here follows");
                    }
                    // Followed only since the preparation looked: the next Announce brings it.
                    return confirmed.isPresent() ? confirmed.get().write(tx)
                            : ActivityHandler.ignored("the announced offer was not confirmed");
                }));
    }

    private Future<Boolean> welcome(SqlClient db, InboundActivity in, String offerId, FollowedHere followed) {
        return followed.actor(db, in.actor().id())
                .compose(announcer -> announcer ? Future.succeededFuture(true) : offers.holds(db, offerId));
    }

    /** An announced offer: trusted with its author's proof, otherwise fetched from its origin. */
    private Future<Prepared> confirm(InboundActivity in, ObjectNode node, FollowedHere followed) {
        String author = idOf(node.get(As.ATTRIBUTED_TO));
        return social.remoteObjects().provenBy(node).compose(prover -> {
            if (prover.isPresent() && prover.get().uri().equals(author)) {
                return Future.succeededFuture(tx -> apply(tx, prover.get(), node, in, followed));
            }
            return social.remoteObjects().fetch(node.path(As.ID).asText(null)).compose(result -> {
                if (result instanceof RemoteObjects.Result.Unavailable unavailable) {
                    return unobtained(unavailable);
                }
                RemoteObjects.Result.Found found = (RemoteObjects.Result.Found) result;
                if (!RemoteOffers.isOffer(found.object())) {
                    return decided(ActivityHandler.ignored("the announced offer could not be confirmed at its origin"));
                }
                String fetchedAuthor = found.parsed().attributedToId().orElse(null);
                if (fetchedAuthor == null) {
                    return decided(ActivityHandler.ignored("the announced offer has no author"));
                }
                return social.remoteActors().resolve(fetchedAuthor)
                        .<Prepared>map(a -> tx -> apply(tx, a, found.object(), in, followed))
                        .recover(e -> ActorLookupException.lasting(e)
                                ? decided(ActivityHandler.ignored("the announced offer's author " + fetchedAuthor
                                        + " cannot be had: " + e.getMessage()))
                                : Future.failedFuture(e));
            });
        });
    }

    /** An announced Delete of an offer held here counts only with the proof of its actor. */
    private Future<Prepared> announcedDelete(SqlClient db, ObjectNode node) {
        String target = idOf(node.get(As.OBJECT_PROPERTY));
        if (target == null) {
            return decided(ActivityHandler.ignored("a Delete of nothing"));
        }
        return offers.holds(db, target).compose(held -> !held
                ? decided(ActivityHandler.ignored("not an offer held here"))
                : social.remoteObjects().provenBy(node).map(prover ->
                        prover.isPresent() && prover.get().uri().equals(idOf(node.get(As.ACTOR)))
                                ? tx -> deleted(tx, prover.get(), target)
                                : Prepared.decided(new Outcome.Ignored("an announced Delete without its author's proof"))));
    }

    /** A server that did not answer usefully now fails the preparation; a lasting failure is an answer. */
    private static Future<Prepared> unobtained(RemoteObjects.Result.Unavailable unavailable) {
        return unavailable.passing()
                ? Future.failedFuture(new IllegalStateException(unavailable.why()))
                : decided(ActivityHandler.ignored(unavailable.why()));
    }

    private static String idOf(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray() && !value.isEmpty()) {
            return idOf(value.get(0));
        }
        JsonNode id = value.get(As.ID);
        return id != null && id.isTextual() ? id.textValue() : null;
    }
}
