package coop.entraide.node.offers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.Uris;
import coop.entraide.node.federation.social.Documents;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.notifications.Notifications;
import coop.entraide.node.offers.OfferLifecycle.Mover;
import coop.entraide.node.store.NodeSettingsRepository;
import coop.entraide.protocol.offers.OfferState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The neighbourhood exchange for members of this node: publishing offers, answering them,
 * accepting one answer, and following the exchange to its end. Every change runs in one
 * transaction with the offer's row locked, records its transition, writes the messages owed to
 * participants, and hands the new federated form to {@link OfferPublications}.
 */
public final class OfferService {
    /** How long an offer stays available unless its author says otherwise (node setting). */
    public static final String LIFETIME_SETTING = "offers.lifetime_days";
    public static final int DEFAULT_LIFETIME_DAYS = 60;
    /** A loan without a period of its own lasts this long. */
    public static final int DEFAULT_LOAN_DAYS = 14;

    private final Pool pool;
    private final Clock clock;
    private final Uris uris;
    private final OfferPublications publications;
    private final OfferRepository offers = new OfferRepository();
    private final ExchangeRepository exchanges = new ExchangeRepository();
    private final NodeSettingsRepository settings = new NodeSettingsRepository();
    private final Notifications notifications = new Notifications();
    private final OfferAs as;

    public OfferService(Pool pool, Clock clock, Uris uris, OfferPublications publications) {
        this.pool = pool;
        this.clock = clock;
        this.uris = uris;
        this.publications = publications;
        this.as = new OfferAs(uris);
    }

    Uris uris() {
        return uris;
    }

    OfferAs as() {
        return as;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    // --- Publishing -------------------------------------------------------------------------

    public Future<Offer> create(Viewer author, OfferDraft draft) {
        OffsetDateTime now = now();
        UUID publicId = UUID.randomUUID();
        return pool.withTransaction(tx -> photoRows(tx, author, draft)
                .compose(photos -> expiry(tx, draft, now).compose(expires -> offers.insert(tx, publicId,
                        uris.offer(publicId), true, author.actorId(), author.collectiveId(),
                        OfferFields.of(draft, OfferState.AVAILABLE), expires, now, null, null))
                        .compose(id -> offers.replacePhotos(tx, id, photos)
                                .compose(v -> offers.recordTransition(tx, id, null, OfferState.AVAILABLE,
                                        author.actorId(), now))))
                .compose(v -> offers.find(tx, publicId).map(Optional::orElseThrow))
                .compose(offer -> federated(offer)
                        ? publications.created(tx, offer, as.document(offer)).map(offer) : Future.succeededFuture(offer)));
    }

    /** Replaces the author's fields with {@code patch} applied; only while nobody is engaged yet. */
    public Future<Offer> edit(Viewer author, UUID publicId, JsonObject patch) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> lockOwn(tx, author, publicId).compose(offer -> {
            if (offer.state() != OfferState.AVAILABLE) {
                return Future.failedFuture(ApiException.conflict(
                        "Only an available offer can be edited; this one is " + offer.state().key() + "."));
            }
            JsonObject merged = OfferJson.draftJson(offer).mergeIn(patch);
            OfferDraft draft = OfferRequests.draft(merged);
            if (draft.kind() != offer.kind()) {
                return Future.failedFuture(ApiException.invalid(List.of(new ApiException.FieldError("kind",
                        "the kind of an offer cannot change; withdraw it and publish a new one"))));
            }
            return photoRows(tx, author, draft)
                    .compose(photos -> offers.update(tx, offer.id(), OfferFields.of(draft, offer.state()), now, null)
                            .compose(v -> offers.replacePhotos(tx, offer.id(), photos)))
                    .compose(v -> reloadAndPublish(tx, publicId))
                    .compose(edited -> federated(offer) && !federated(edited)
                            ? publications.unpublished(tx, offer).map(edited) : Future.succeededFuture(edited));
        }));
    }

    private Future<OffsetDateTime> expiry(SqlClient tx, OfferDraft draft, OffsetDateTime now) {
        if (draft.expiresInDays() != null) {
            return Future.succeededFuture(now.plusDays(draft.expiresInDays()));
        }
        return settings.get(tx, LIFETIME_SETTING).map(value -> now.plusDays(
                value.filter(Number.class::isInstance).map(n -> ((Number) n).intValue()).orElse(DEFAULT_LIFETIME_DAYS)));
    }

    private Future<List<OfferRepository.PhotoRow>> photoRows(SqlClient tx, Viewer author, OfferDraft draft) {
        List<UUID> ids = draft.photos().stream().map(OfferDraft.PhotoRef::mediaId).toList();
        return offers.mediaOf(tx, author.actorId(), ids).compose(found -> {
            List<ApiException.FieldError> missing = new ArrayList<>();
            List<OfferRepository.PhotoRow> rows = new ArrayList<>();
            for (int i = 0; i < draft.photos().size(); i++) {
                OfferDraft.PhotoRef ref = draft.photos().get(i);
                Long mediaId = found.get(ref.mediaId());
                if (mediaId == null) {
                    missing.add(new ApiException.FieldError("photos[" + i + "].media_id",
                            "no photo you uploaded has this id"));
                } else {
                    rows.add(new OfferRepository.PhotoRow(mediaId, null, null, ref.alt(), null, null, null));
                }
            }
            return missing.isEmpty() ? Future.succeededFuture(rows) : Future.failedFuture(ApiException.invalid(missing));
        });
    }

    // --- Reading ----------------------------------------------------------------------------

    /** The offer if this viewer (empty: anonymous) may see it; 404 otherwise, as if it did not exist. */
    public Future<Offer> get(Optional<Viewer> viewer, UUID publicId) {
        return pool.withConnection(c -> offers.find(c, publicId)
                .compose(found -> visible(c, found, viewer)));
    }

    /**
     * A local offer's ActivityStreams document: as last published, with its author's proof, or
     * built afresh when it was never federated.
     */
    public Future<ObjectNode> document(Offer offer) {
        return pool.withConnection(c -> offers.document(c, offer.id())).map(stored -> stored.isPresent() && federated(offer)
                ? Documents.fromJsonb(stored.get())
                : as.document(offer));
    }

    public Future<Optional<Offer>> byUri(String uri) {
        return pool.withConnection(c -> offers.findByUri(c, uri));
    }

    private Future<Offer> visible(SqlClient c, Optional<Offer> found, Optional<Viewer> viewer) {
        if (found.isEmpty() || found.get().deletedAt() != null) {
            return Future.failedFuture(ApiException.notFound("There is no offer with this id."));
        }
        Offer offer = found.get();
        if (offer.visibility() == Visibility.PUBLIC) {
            return Future.succeededFuture(offer);
        }
        if (viewer.isEmpty()) {
            return Future.failedFuture(ApiException.notFound("There is no offer with this id."));
        }
        Viewer v = viewer.get();
        if (offer.authorId() == v.actorId() || (offer.collectiveId() != null && offer.collectiveId() == v.collectiveId())) {
            return Future.succeededFuture(offer);
        }
        if (offer.visibility() == Visibility.MEMBERS || offer.collectiveId() == null) {
            return Future.failedFuture(ApiException.notFound("There is no offer with this id."));
        }
        return c.preparedQuery("""
                        SELECT 1 FROM follows WHERE follower_id = $1 AND followed_id = $2 AND state = 'accepted'""")
                .execute(Tuple.of(v.actorId(), offer.collectiveId()))
                .compose(rows -> rows.size() > 0 ? Future.succeededFuture(offer)
                        : Future.failedFuture(ApiException.notFound("There is no offer with this id.")));
    }

    public Future<List<OfferRepository.Transition>> history(Optional<Viewer> viewer, UUID publicId) {
        return get(viewer, publicId).compose(offer -> pool.withConnection(c -> offers.transitions(c, offer.id())));
    }

    // --- Moving through the lifecycle -----------------------------------------------------

    /** The author moves their offer to {@code to}; 409 (nothing changed) when the move makes no sense. */
    public Future<Offer> transition(Viewer author, UUID publicId, OfferState to) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> lockOwn(tx, author, publicId)
                .compose(offer -> move(tx, offer, to, Mover.AUTHOR, author.actorId(), now))
                .compose(offer -> reloadAndPublish(tx, publicId)));
    }

    public Future<Offer> withdraw(Viewer author, UUID publicId) {
        return transition(author, publicId, OfferState.WITHDRAWN);
    }

    /** Checks the move, then writes it with its consequences; the caller's transaction rolls all back on failure. */
    Future<Offer> move(SqlClient tx, Offer offer, OfferState to, Mover mover, Long actorId, OffsetDateTime now) {
        Optional<String> refusal = OfferLifecycle.refusal(offer.kind(), offer.state(), to, mover);
        if (refusal.isPresent()) {
            return Future.failedFuture(ApiException.conflict(refusal.get()));
        }
        Future<Void> written = offers.setState(tx, offer.id(), to, now)
                .compose(v -> offers.recordTransition(tx, offer.id(), offer.state(), to, actorId, now));
        written = switch (to) {
            case LENT -> written.compose(v -> offers.setLoanDue(tx, offer.id(), now.plusDays(
                    offer.loanPeriodDays() == null ? DEFAULT_LOAN_DAYS : offer.loanPeriodDays())));
            case AVAILABLE -> written.compose(v -> releaseReservation(tx, offer, now));
            case WITHDRAWN, EXPIRED -> written.compose(v -> declineAllPending(tx, offer, now, to == OfferState.WITHDRAWN
                    ? "offer_withdrawn" : "response_declined"));
            default -> written;
        };
        return written.map(offer);
    }

    private Future<Void> releaseReservation(SqlClient tx, Offer offer, OffsetDateTime now) {
        return exchanges.responses(tx, offer.id()).compose(responses -> {
            Future<Void> done = offers.setBorrower(tx, offer.id(), null);
            for (OfferResponse r : responses) {
                if (r.state().equals(OfferResponse.ACCEPTED)) {
                    done = done.compose(v -> exchanges.decide(tx, r.id(), OfferResponse.CANCELLED, now))
                            .compose(v -> tell(tx, offer, r.responderId(), r.responderUri(), "response_declined",
                                    Messages.reservationCancelled(offer), now));
                }
            }
            return done;
        });
    }

    private Future<Void> declineAllPending(SqlClient tx, Offer offer, OffsetDateTime now, String kind) {
        return exchanges.responses(tx, offer.id()).compose(responses -> {
            Future<Void> done = Future.succeededFuture();
            for (OfferResponse r : responses) {
                if (r.state().equals(OfferResponse.PENDING)) {
                    done = done.compose(v -> exchanges.decide(tx, r.id(), OfferResponse.DECLINED, now))
                            .compose(v -> answerRemote(tx, offer, r, false))
                            .compose(v -> tell(tx, offer, r.responderId(), r.responderUri(), kind,
                                    Messages.noLongerAvailable(offer), now));
                }
            }
            return done;
        });
    }

    // --- The exchange -----------------------------------------------------------------------

    /** A member of this node answers an offer they can see. */
    public Future<OfferResponse> respond(Viewer responder, UUID publicId, String message) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> offers.lock(tx, publicId)
                .compose(found -> visible(tx, found, Optional.of(responder)))
                .compose(offer -> {
                    // Another server's offer: the response travels as an activity, whose id is kept to match the answer.
                    String sent = offer.local() ? null : uris.newActivity();
                    return addResponse(tx, offer, responder.actorId(), responder.actorUri(), message, sent, now)
                            .compose(r -> offer.local() ? Future.succeededFuture(r)
                                    : publications.responded(tx, offer, r).map(r));
                }));
    }

    /** Records a response from anyone (local or remote); the author is told. */
    Future<OfferResponse> addResponse(SqlClient tx, Offer offer, long responderId, String responderUri, String message,
            String sourceUri, OffsetDateTime now) {
        if (offer.authorId() == responderId) {
            return Future.failedFuture(ApiException.conflict("You cannot respond to your own offer."));
        }
        if (offer.state() != OfferState.AVAILABLE) {
            return Future.failedFuture(ApiException.conflict(
                    "This offer is " + offer.state().key() + "; it no longer takes responses."));
        }
        return exchanges.insertResponse(tx, offer.id(), responderId, message, sourceUri, now)
                .compose(r -> tell(tx, offer, offer.authorId(), offer.authorUri(), "response_received",
                        Messages.responseReceived(offer, responderUri, message), now).map(r));
    }

    /** The responses the viewer may read: all of them for the author, their own for anyone else. */
    public Future<List<OfferResponse>> responses(Viewer viewer, UUID publicId) {
        return pool.withConnection(c -> offers.find(c, publicId)
                .compose(found -> visible(c, found, Optional.of(viewer)))
                .compose(offer -> exchanges.responses(c, offer.id()).map(all -> offer.authorId() == viewer.actorId()
                        ? all : all.stream().filter(r -> r.responderId() == viewer.actorId()).toList())));
    }

    /** The author accepts one response: the offer is reserved for that person, the others are declined politely. */
    public Future<Offer> accept(Viewer author, UUID publicId, UUID responseId) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> lockOwn(tx, author, publicId)
                .compose(offer -> pendingResponse(tx, offer, responseId)
                        .compose(chosen -> move(tx, offer, OfferState.RESERVED, Mover.ACCEPTING_RESPONSE,
                                author.actorId(), now)
                                .compose(v -> exchanges.decide(tx, chosen.id(), OfferResponse.ACCEPTED, now))
                                .compose(v -> answerRemote(tx, offer, chosen, true))
                                .compose(v -> offers.setBorrower(tx, offer.id(), chosen.responderId()))
                                .compose(v -> tell(tx, offer, chosen.responderId(), chosen.responderUri(),
                                        "response_accepted", Messages.accepted(offer), now))
                                .compose(v -> declineAllPending(tx, offer, now, "response_declined"))))
                .compose(v -> reloadAndPublish(tx, publicId)));
    }

    public Future<OfferResponse> decline(Viewer author, UUID publicId, UUID responseId) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> lockOwn(tx, author, publicId)
                .compose(offer -> pendingResponse(tx, offer, responseId)
                        .compose(r -> exchanges.decide(tx, r.id(), OfferResponse.DECLINED, now)
                                .compose(v -> answerRemote(tx, offer, r, false))
                                .compose(v -> tell(tx, offer, r.responderId(), r.responderUri(), "response_declined",
                                        Messages.declined(offer), now))
                                .compose(v -> exchanges.response(tx, r.id()).map(Optional::orElseThrow)))));
    }

    private Future<OfferResponse> pendingResponse(SqlClient tx, Offer offer, UUID responseId) {
        return exchanges.response(tx, offer.id(), responseId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ApiException.notFound("This offer has no response with this id."));
            }
            if (!found.get().state().equals(OfferResponse.PENDING)) {
                return Future.failedFuture(ApiException.conflict("This response is already " + found.get().state() + "."));
            }
            return Future.succeededFuture(found.get());
        });
    }

    /** A short thanks from one side of the exchange about the other, once the thing was handed over. */
    public Future<Void> leaveFeedback(Viewer from, UUID publicId, String text) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> offers.find(tx, publicId)
                .compose(found -> visible(tx, found, Optional.of(from)))
                .compose(offer -> {
                    if (!OfferLifecycle.exchangeHappened(offer.state()) || offer.borrowerId() == null) {
                        return Future.failedFuture(ApiException.conflict(
                                "Feedback comes after the exchange; this offer is " + offer.state().key() + "."));
                    }
                    long subject;
                    if (from.actorId() == offer.authorId()) {
                        subject = offer.borrowerId();
                    } else if (from.actorId() == offer.borrowerId()) {
                        subject = offer.authorId();
                    } else {
                        return Future.failedFuture(ApiException.forbidden(
                                "Only the two people of the exchange can leave feedback about it."));
                    }
                    return exchanges.insertFeedback(tx, offer.id(), from.actorId(), subject, text, now);
                }));
    }

    public Future<List<ExchangeRepository.Feedback>> feedbackAbout(long actorId) {
        return pool.withConnection(c -> exchanges.feedbackAbout(c, actorId, 50));
    }

    public Future<List<ExchangeRepository.Message>> messages(long offerId) {
        return pool.withConnection(c -> exchanges.messages(c, offerId));
    }

    // --- Helpers ------------------------------------------------------------------------------

    private Future<Offer> lockOwn(SqlClient tx, Viewer author, UUID publicId) {
        return offers.lock(tx, publicId).compose(found -> {
            if (found.isEmpty() || found.get().deletedAt() != null || !found.get().local()) {
                return Future.failedFuture(ApiException.notFound("There is no offer of yours with this id."));
            }
            if (found.get().authorId() != author.actorId()) {
                return Future.failedFuture(ApiException.forbidden("Only the author of an offer can do this."));
            }
            return Future.succeededFuture(found.get());
        });
    }

    Future<Offer> reloadAndPublish(SqlClient tx, UUID publicId) {
        return offers.find(tx, publicId).map(Optional::orElseThrow).compose(offer -> federated(offer)
                ? publications.updated(tx, offer, as.document(offer)).map(offer) : Future.succeededFuture(offer));
    }

    /** Writes the message for the recipient and, for a federated offer, hands it to federation. */
    Future<Void> tell(SqlClient tx, Offer offer, long recipientId, String recipientUri, String kind, String text,
            OffsetDateTime now) {
        return exchanges.message(tx, offer.id(), recipientId, kind, text, now)
                .compose(v -> Notifications.Kind.ofOfferMessage(kind)
                        .map(k -> notifications.notify(tx, recipientId, k, new JsonObject()
                                .put("offer_id", offer.publicId().toString()).put("title", offer.title())))
                        .orElseGet(Future::succeededFuture))
                .compose(v -> offer.local() && !recipientUri.startsWith(uris.base() + "/")
                        ? publications.message(tx, offer, recipientUri, text) : Future.succeededFuture());
    }

    /** A response that came from another server is answered there, the way it came. */
    private Future<Void> answerRemote(SqlClient tx, Offer offer, OfferResponse response, boolean accepted) {
        boolean remote = response.sourceUri() != null && !response.responderUri().startsWith(uris.base() + "/");
        return offer.local() && remote ? publications.decided(tx, offer, response, accepted) : Future.succeededFuture();
    }

    static boolean federated(Offer offer) {
        return offer.local() && offer.visibility() != Visibility.MEMBERS;
    }

    OfferRepository offers() {
        return offers;
    }

    ExchangeRepository exchanges() {
        return exchanges;
    }

    Pool pool() {
        return pool;
    }

    OffsetDateTime nowUtc() {
        return now();
    }
}
