package coop.entraide.node.offers;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.federation.inbox.ActivityHandler.Outcome;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.AsObject;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.html.Sanitizer;
import coop.entraide.protocol.offers.FederatedOffer;
import coop.entraide.protocol.offers.OfferDocuments;
import coop.entraide.protocol.offers.OfferPhoto;
import coop.entraide.protocol.offers.ResponseRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Offers and answers that arrive from other servers, for the inbox's Create, Update, Delete and
 * Offer handlers to call inside their transaction (the sender is already verified and cached).
 * Offers of followed neighbourhoods are stored like ours, so they are browsed and searched the same
 * way; only their author may change or delete them. Answers to our offers, as FEP-0837
 * {@code Offer(Agreement)} from another Entraide node or as a plain reply from Mastodon, become
 * responses the author sees.
 */
public final class RemoteOffers {
    private final OfferService service;

    public RemoteOffers(OfferService service) {
        this.service = service;
    }

    /** Whether a Create or Update handler should hand this object here. */
    public static boolean isOffer(JsonNode object) {
        return OfferDocuments.looksLikeOffer(object);
    }

    /** A Create or Update of an offer: stored, or its stored copy replaced; refused unless the sender wrote it. */
    public Future<Outcome> receive(SqlClient tx, Actor sender, JsonNode object) {
        Parsed<FederatedOffer> parsed = OfferDocuments.parse(object);
        if (parsed instanceof Parsed.Invalid<FederatedOffer> invalid) {
            return refused("not a readable offer: " + invalid.reason());
        }
        FederatedOffer offer = parsed.toOptional().orElseThrow();
        if (isLocal(offer.id())) {
            return refused("an offer with one of our ids cannot come from elsewhere");
        }
        if (!offer.author().equals(sender.uri())) {
            return refused(sender.uri() + " is not the author of " + offer.id());
        }
        OffsetDateTime now = service.nowUtc();
        return service.offers().lockByUri(tx, offer.id()).compose(existing -> {
            if (existing.isPresent()) {
                return update(tx, existing.get(), sender, offer, object, now);
            }
            return collectiveId(tx, offer.collective()).compose(collective -> service.offers().insert(tx,
                            UUID.randomUUID(), offer.id(), false, sender.id(), collective, OfferFields.of(offer), null,
                            utc(offer.published(), now), utc(offer.updated(), null), object)
                    .compose(id -> service.offers().replacePhotos(tx, id, photos(offer))
                            .compose(v -> service.offers().recordTransition(tx, id, null, offer.state(), sender.id(), now))))
                    .map(v -> new Outcome.Applied());
        });
    }

    private Future<Outcome> update(SqlClient tx, Offer existing, Actor sender, FederatedOffer offer, JsonNode object,
            OffsetDateTime now) {
        if (existing.authorId() != sender.id()) {
            return refused(sender.uri() + " does not own " + existing.uri());
        }
        if (existing.deletedAt() != null) {
            return Future.succeededFuture(new Outcome.Ignored("this offer was deleted"));
        }
        if (offer.updated() != null && existing.updatedAt() != null
                && offer.updated().isBefore(existing.updatedAt().toInstant())) {
            // Updates may arrive out of order (directly and through the collective): never go back in time.
            return Future.succeededFuture(new Outcome.Ignored("older than the copy held here"));
        }
        Future<Void> history = existing.state() == offer.state() ? Future.succeededFuture()
                : service.offers().recordTransition(tx, existing.id(), existing.state(), offer.state(), sender.id(), now);
        return service.offers().update(tx, existing.id(), OfferFields.of(offer), utc(offer.updated(), now), object)
                .compose(v -> service.offers().replacePhotos(tx, existing.id(), photos(offer)))
                .compose(v -> history)
                .map(v -> new Outcome.Applied());
    }

    /** A Delete of an offer: kept as a tombstone, gone from every list; refused unless the sender wrote it. */
    public Future<Outcome> delete(SqlClient tx, Actor sender, String objectUri) {
        if (isLocal(objectUri)) {
            return refused("an offer of this node cannot be deleted from elsewhere");
        }
        return service.offers().lockByUri(tx, objectUri).compose(existing -> {
            if (existing.isEmpty()) {
                return Future.succeededFuture(new Outcome.Ignored("no such offer here"));
            }
            if (existing.get().authorId() != sender.id()) {
                return refused(sender.uri() + " does not own " + objectUri);
            }
            return service.offers().markDeleted(tx, existing.get().id(), service.nowUtc()).map(v -> new Outcome.Applied());
        });
    }

    /** Whether this node holds an offer (its own or another server's, deleted or not) with this id. */
    public Future<Boolean> holds(SqlClient tx, String uri) {
        return tx.preparedQuery("SELECT 1 FROM offers WHERE uri = $1").execute(Tuple.of(uri)).map(rows -> rows.size() > 0);
    }

    /**
     * The author of another server's offer accepted or declined what one of our members answered
     * ({@code Accept} or {@code Reject} of the response activity we sent): the response takes that
     * state and the member finds a message about it. Only the offer's author may answer.
     */
    public Future<Outcome> answered(SqlClient tx, Actor sender, String responseActivityUri, boolean accepted) {
        return service.exchanges().responseBySource(tx, responseActivityUri).compose(found -> {
            if (found.isEmpty() || !isLocal(found.get().responderUri())) {
                return Future.succeededFuture(new Outcome.Ignored("not a response one of our members sent"));
            }
            OfferResponse response = found.get();
            return tx.preparedQuery("SELECT author_id, title FROM offers WHERE id = $1 FOR UPDATE")
                    .execute(Tuple.of(response.offerId()))
                    .compose(rows -> {
                        var row = rows.iterator().next();
                        if (row.getLong("author_id") != sender.id()) {
                            return refused(sender.uri() + " cannot answer a response to someone else's offer");
                        }
                        if (!response.state().equals(OfferResponse.PENDING)) {
                            return Future.succeededFuture(new Outcome.Ignored("already " + response.state()));
                        }
                        OffsetDateTime now = service.nowUtc();
                        String state = accepted ? OfferResponse.ACCEPTED : OfferResponse.DECLINED;
                        String title = row.getString("title");
                        return service.exchanges().decide(tx, response.id(), state, now)
                                .compose(v -> service.exchanges().message(tx, response.offerId(), response.responderId(),
                                        accepted ? "response_accepted" : "response_declined",
                                        (accepted ? "Accepted: " : "Declined: ") + title, now))
                                .map(v -> (Outcome) new Outcome.Applied());
                    });
        });
    }

    /** An FEP-0837 {@code Offer(Agreement)} answering one of our offers, from a member of another node. */
    public Future<Outcome> respondRemote(SqlClient tx, Actor sender, JsonNode activity) {
        Parsed<ResponseRequest> parsed = ResponseRequest.parse(activity);
        if (parsed instanceof Parsed.Invalid<ResponseRequest> invalid) {
            return refused("not a response to an offer: " + invalid.reason());
        }
        ResponseRequest request = parsed.toOptional().orElseThrow();
        if (!request.actor().equals(sender.uri())) {
            return refused(sender.uri() + " cannot respond on behalf of " + request.actor());
        }
        return respondTo(tx, sender, request.proposal(), request.message(), request.id());
    }

    /**
     * A reply (a Create of a Note whose {@code inReplyTo} is one of our offers), e.g. from a
     * Mastodon user: it becomes a response with the reply's text as its message.
     */
    public Future<Outcome> replyToOffer(SqlClient tx, Actor sender, AsObject note) {
        if (note.inReplyTo() == null || note.inReplyTo().id() == null || !isLocal(note.inReplyTo().id())) {
            return Future.succeededFuture(new Outcome.Ignored("not a reply to one of our offers"));
        }
        if (!note.attributedToId().map(sender.uri()::equals).orElse(false)) {
            return refused(sender.uri() + " is not the author of " + note.id());
        }
        String message = Sanitizer.toPlainText(note.contentFor(List.of("fr", "en")).orElse(""), ResponseRequest.MAX_MESSAGE);
        return respondTo(tx, sender, note.inReplyTo().id(), message, note.id());
    }

    private Future<Outcome> respondTo(SqlClient tx, Actor sender, String offerUri, String message, String sourceUri) {
        return service.exchanges().responseBySource(tx, sourceUri).compose(known -> {
            if (known.isPresent()) {
                return Future.succeededFuture(new Outcome.Ignored("already recorded"));
            }
            return service.offers().lockByUri(tx, offerUri).compose(found -> {
                if (found.isEmpty() || !found.get().local() || found.get().deletedAt() != null) {
                    return Future.succeededFuture(new Outcome.Ignored("no such offer here"));
                }
                Offer offer = found.get();
                return canSee(tx, offer, sender).compose(visible -> {
                    if (!visible) {
                        return refused(sender.uri() + " cannot see " + offerUri);
                    }
                    return service.addResponse(tx, offer, sender.id(), sender.uri(), message, sourceUri,
                                    service.nowUtc())
                            .<Outcome>map(r -> new Outcome.Applied())
                            .recover(e -> e instanceof ApiException api
                                    ? Future.succeededFuture(new Outcome.Ignored(api.detail()))
                                    : Future.failedFuture(e));
                });
            });
        });
    }

    private Future<Boolean> canSee(SqlClient tx, Offer offer, Actor sender) {
        if (offer.visibility() == Visibility.PUBLIC) {
            return Future.succeededFuture(true);
        }
        if (offer.visibility() == Visibility.MEMBERS || offer.collectiveId() == null) {
            return Future.succeededFuture(false);
        }
        return tx.preparedQuery("SELECT 1 FROM follows WHERE follower_id = $1 AND followed_id = $2 AND state = 'accepted'")
                .execute(Tuple.of(sender.id(), offer.collectiveId()))
                .map(rows -> rows.size() > 0);
    }

    private Future<Long> collectiveId(SqlClient tx, String collectiveUri) {
        if (collectiveUri == null) {
            return Future.succeededFuture(null);
        }
        return tx.preparedQuery("SELECT id FROM actors WHERE uri = $1 AND type = 'Group'")
                .execute(Tuple.of(collectiveUri))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
    }

    private static List<OfferRepository.PhotoRow> photos(FederatedOffer offer) {
        return offer.photos().stream().map(OfferPhoto.class::cast).map(p -> new OfferRepository.PhotoRow(null, p.url(),
                p.mediaType(), p.alt().length() > OfferRequests.MAX_ALT ? p.alt().substring(0, OfferRequests.MAX_ALT)
                        : p.alt(), p.blurhash(), p.width(), p.height())).toList();
    }

    private boolean isLocal(String uri) {
        return uri.startsWith(service.uris().base() + "/");
    }

    private static OffsetDateTime utc(java.time.Instant instant, OffsetDateTime fallback) {
        return instant == null ? fallback : instant.atOffset(ZoneOffset.UTC);
    }

    private static Future<Outcome> refused(String why) {
        return Future.succeededFuture(new Outcome.Refused(why));
    }

}
