package coop.entraide.node.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.social.Activities;
import coop.entraide.node.federation.social.ActorLookup;
import coop.entraide.node.federation.social.Audience;
import coop.entraide.node.federation.social.Publisher;
import coop.entraide.node.federation.social.SocialContext;
import coop.entraide.node.http.Html;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsObject;
import coop.entraide.protocol.as.Ref;
import coop.entraide.protocol.as.Tag;
import coop.entraide.protocol.offers.ResponseRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Offers on the fediverse, through the node's publisher (FEP-1b12, as members' posts):
 * <ul>
 *   <li>a new offer is signed by its author (FEP-8b32) and sent as a {@code Create} to the author's
 *       followers, the collective in {@code audience}; the collective then {@code Announce}s the
 *       offer itself to its own followers;</li>
 *   <li>an edit or a change of state is an {@code Update} by the author, which the collective
 *       announces too, so that the followers of the neighbourhood keep an exact copy;</li>
 *   <li>what participants must be told becomes a private {@code Note} to them (with a mention);
 *       responses to other servers' offers are FEP-0837 {@code Offer(Agreement)}, answered with
 *       {@code Accept} or {@code Reject}.</li>
 * </ul>
 * The signed document is kept on the offer's row, so that fetching the offer gives it proof included.
 */
public final class OfferFederation implements OfferPublications {
    private final SocialContext social;
    private final ActorLookup actors = new ActorLookup();

    public OfferFederation(SocialContext social) {
        this.social = social;
    }

    private Publisher publisher() {
        return social.publisher();
    }

    @Override
    public Future<Void> created(SqlClient tx, Offer offer, ObjectNode document) {
        return parties(tx, offer).compose(p -> signAndKeep(tx, offer, p.author(), document).compose(signed -> {
            AsObject parsed = AsObject.parse(signed).orElseThrow();
            Instant now = publisher().now();
            ObjectNode create = Activities.create(social.uris().newActivity(), p.author(), signed, parsed.addressing(), now);
            return publisher().publish(tx, p.author(), create, audience(offer, p.collective()))
                    .compose(published -> announce(tx, offer, p.collective(), signed, now));
        }));
    }

    @Override
    public Future<Void> updated(SqlClient tx, Offer offer, ObjectNode document) {
        return parties(tx, offer).compose(p -> signAndKeep(tx, offer, p.author(), document).compose(signed -> {
            AsObject parsed = AsObject.parse(signed).orElseThrow();
            Instant now = publisher().now();
            ObjectNode update = Activities.update(social.uris().newActivity(), p.author(), signed, parsed.addressing(), now);
            // The neighbourhood's followers follow the collective, not the author: it forwards the
            // Update whole, the author's proof intact (FEP-1b12).
            return publisher().publish(tx, p.author(), update, audience(offer, p.collective()))
                    .compose(published -> announce(tx, offer, p.collective(), published.document(), now));
        }));
    }

    @Override
    public Future<Void> unpublished(SqlClient tx, Offer before) {
        return parties(tx, before).compose(p -> {
            Instant now = publisher().now();
            String followers = p.collective().map(Actor::followers).orElse(p.author().followers());
            Addressing addressing = before.visibility() == Visibility.PUBLIC
                    ? Addressing.of(List.of(As.PUBLIC), List.of(followers))
                    : Addressing.of(List.of(followers), List.of());
            ObjectNode delete = Activities.delete(social.uris().newActivity(), p.author(), before.uri(), addressing, now);
            return tx.preparedQuery("UPDATE offers SET document = NULL WHERE id = $1").execute(Tuple.of(before.id()))
                    .compose(v -> publisher().publish(tx, p.author(), delete, audience(before, p.collective())))
                    .compose(published -> announce(tx, before, p.collective(), published.document(), now));
        });
    }

    @Override
    public Future<Void> message(SqlClient tx, Offer offer, String recipientUri, String text) {
        return author(tx, offer).compose(author -> recipient(tx, recipientUri).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture();
            }
            Actor to = found.get();
            Instant now = publisher().now().truncatedTo(ChronoUnit.SECONDS);
            String handle = to.username() == null ? to.uri() : "@" + to.username() + "@" + to.domain();
            ObjectNode note = AsObject.builder(social.uris().newObject(), As.NOTE)
                    .attributedTo(author.uri())
                    .addressing(Addressing.of(List.of(to.uri()), List.of()))
                    .content("<p><span class=\"h-card\"><a href=\"" + Html.escape(to.url() == null ? to.uri() : to.url())
                            + "\" class=\"u-url mention\">" + Html.escape(handle) + "</a></span> "
                            + Html.escape(text) + "</p>")
                    .inReplyTo(offer.uri())
                    .published(now)
                    .tag(List.of(Tag.Mention.of(to.uri(), handle)))
                    .build()
                    .toJson();
            return publisher().sign(tx, author, note).compose(signed -> publisher().publish(tx, author,
                    Activities.create(social.uris().newActivity(), author, signed,
                            Addressing.of(List.of(to.uri()), List.of()), now),
                    Audience.direct(to))).mapEmpty();
        }));
    }

    @Override
    public Future<Void> responded(SqlClient tx, Offer offer, OfferResponse response) {
        return actors.byId(tx, response.responderId()).compose(responder -> actors.byId(tx, offer.authorId())
                .compose(author -> {
                    if (responder.isEmpty() || author.isEmpty() || author.get().local()) {
                        return Future.succeededFuture();
                    }
                    ObjectNode activity = new ResponseRequest(response.sourceUri(), responder.get().uri(), offer.uri(),
                            author.get().uri(), response.message()).toAs();
                    return publisher().publish(tx, responder.get(), activity, Audience.direct(author.get())).mapEmpty();
                }));
    }

    @Override
    public Future<Void> decided(SqlClient tx, Offer offer, OfferResponse response, boolean accepted) {
        return author(tx, offer).compose(author -> actors.byId(tx, response.responderId()).compose(responder -> {
            if (responder.isEmpty() || responder.get().local()) {
                return Future.succeededFuture();
            }
            ObjectNode answer = Activity.of(social.uris().newActivity(), accepted ? As.ACCEPT : As.REJECT, author.uri(),
                    Ref.to(response.sourceUri()), Addressing.of(List.of(responder.get().uri()), List.of()),
                    publisher().now().truncatedTo(ChronoUnit.SECONDS)).toJson();
            return publisher().publish(tx, author, answer, Audience.direct(responder.get())).mapEmpty();
        }));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private record Parties(Actor author, Optional<Actor> collective) {
    }

    private Future<Parties> parties(SqlClient tx, Offer offer) {
        Future<Optional<Actor>> collective = offer.collectiveId() == null
                ? Future.succeededFuture(Optional.empty())
                : actors.byId(tx, offer.collectiveId());
        return author(tx, offer).compose(author -> collective.map(c -> new Parties(author, c)));
    }

    private Future<Actor> author(SqlClient tx, Offer offer) {
        return actors.byId(tx, offer.authorId()).map(found -> found.orElseThrow(
                () -> new IllegalStateException("the author of " + offer.uri() + " is gone")));
    }

    /**
     * The recipient as the node knows it (a message goes to an actor it has a row for); never fetched
     * here, inside the caller's transaction, where a slow server would hold its connection and locks.
     */
    private Future<Optional<Actor>> recipient(SqlClient tx, String uri) {
        return actors.byUri(tx, uri);
    }

    private Future<ObjectNode> signAndKeep(SqlClient tx, Offer offer, Actor author, ObjectNode document) {
        return publisher().sign(tx, author, document).compose(signed -> tx
                .preparedQuery("UPDATE offers SET document = $2 WHERE id = $1")
                .execute(Tuple.of(offer.id(), new JsonObject(signed.toString())))
                .map(signed));
    }

    /** Public offers go to everyone's view, followers-only ones to the collective's followers only. */
    private static Audience audience(Offer offer, Optional<Actor> collective) {
        Audience base = offer.visibility() == Visibility.PUBLIC ? Audience.publicly() : Audience.followersOnly();
        return collective.map(base::with).orElse(base);
    }

    private Future<Void> announce(SqlClient tx, Offer offer, Optional<Actor> collective, JsonNode shared, Instant now) {
        if (collective.isEmpty()) {
            return Future.succeededFuture();
        }
        Audience audience = offer.visibility() == Visibility.PUBLIC ? Audience.publicly() : Audience.followersOnly();
        Actor group = collective.get();
        return publisher().publish(tx, group,
                Activities.announce(social.uris().newActivity(), group, shared, audience.addressing(group), now),
                audience).mapEmpty();
    }
}
