package coop.entraide.node.offers;

import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Responses to offers, the messages owed to participants, and feedback after an exchange. */
final class ExchangeRepository {

    /** A thanks left after an exchange, as shown on a profile. */
    record Feedback(String offerUri, String offerTitle, String authorUri, String text, OffsetDateTime createdAt) {
    }

    /** A message the node owes someone. */
    record Message(long offerId, String recipientUri, String kind, String body, OffsetDateTime createdAt) {
    }

    Future<OfferResponse> insertResponse(SqlClient client, long offerId, long responderId, String message,
            String sourceUri, OffsetDateTime at) {
        return SqlErrors.uniqueViolation(client.preparedQuery("""
                        INSERT INTO offer_responses (offer_id, responder_id, message, source_uri, created_at)
                        VALUES ($1, $2, $3, $4, $5) RETURNING id""")
                        .execute(Tuple.of(offerId, responderId, message, sourceUri, at)),
                        "You have already responded to this offer.")
                .compose(rows -> response(client, rows.iterator().next().getLong("id")))
                .map(Optional::orElseThrow);
    }

    Future<Optional<OfferResponse>> response(SqlClient client, long id) {
        return client.preparedQuery(OfferResponse.SELECT + " WHERE r.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> SqlErrors.first(rows, OfferResponse::fromRow));
    }

    Future<Optional<OfferResponse>> response(SqlClient client, long offerId, UUID publicId) {
        return client.preparedQuery(OfferResponse.SELECT + " WHERE r.offer_id = $1 AND r.public_id = $2 FOR UPDATE OF r")
                .execute(Tuple.of(offerId, publicId))
                .map(rows -> SqlErrors.first(rows, OfferResponse::fromRow));
    }

    Future<Optional<OfferResponse>> responseBySource(SqlClient client, String sourceUri) {
        return client.preparedQuery(OfferResponse.SELECT + " WHERE r.source_uri = $1")
                .execute(Tuple.of(sourceUri))
                .map(rows -> SqlErrors.first(rows, OfferResponse::fromRow));
    }

    Future<List<OfferResponse>> responses(SqlClient client, long offerId) {
        return client.preparedQuery(OfferResponse.SELECT + " WHERE r.offer_id = $1 ORDER BY r.id")
                .execute(Tuple.of(offerId))
                .map(rows -> SqlErrors.all(rows, OfferResponse::fromRow));
    }

    Future<Void> decide(SqlClient client, long responseId, String state, OffsetDateTime at) {
        return client.preparedQuery("UPDATE offer_responses SET state = $2, decided_at = $3 WHERE id = $1")
                .execute(Tuple.of(responseId, state, at))
                .mapEmpty();
    }

    Future<Void> message(SqlClient client, long offerId, long recipientId, String kind, String body,
            OffsetDateTime at) {
        return client.preparedQuery("""
                        INSERT INTO offer_messages (offer_id, recipient_id, kind, body, created_at)
                        VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(offerId, recipientId, kind, body, at))
                .mapEmpty();
    }

    Future<List<Message>> messages(SqlClient client, long offerId) {
        return client.preparedQuery("""
                        SELECT m.offer_id, a.uri, m.kind, m.body, m.created_at
                        FROM offer_messages m JOIN actors a ON a.id = m.recipient_id
                        WHERE m.offer_id = $1 ORDER BY m.id""")
                .execute(Tuple.of(offerId))
                .map(rows -> SqlErrors.all(rows, r -> new Message(r.getLong("offer_id"), r.getString("uri"),
                        r.getString("kind"), r.getString("body"), r.getOffsetDateTime("created_at"))));
    }

    Future<Void> insertFeedback(SqlClient client, long offerId, long authorId, long subjectId, String text,
            OffsetDateTime at) {
        return SqlErrors.uniqueViolation(client.preparedQuery("""
                        INSERT INTO offer_feedback (offer_id, author_id, subject_id, text, created_at)
                        VALUES ($1, $2, $3, $4, $5)""")
                        .execute(Tuple.of(offerId, authorId, subjectId, text, at)),
                        "You have already left feedback for this exchange.")
                .mapEmpty();
    }

    Future<List<Feedback>> feedbackAbout(SqlClient client, long subjectId, int limit) {
        return client.preparedQuery("""
                        SELECT o.uri AS offer_uri, o.title, a.uri AS author_uri, f.text, f.created_at
                        FROM offer_feedback f JOIN offers o ON o.id = f.offer_id JOIN actors a ON a.id = f.author_id
                        WHERE f.subject_id = $1
                          -- Feedback is public: name only offers that are public and not deleted.
                          AND o.visibility = 'public' AND o.deleted_at IS NULL
                        ORDER BY f.id DESC LIMIT $2""")
                .execute(Tuple.of(subjectId, limit))
                .map(rows -> SqlErrors.all(rows, r -> new Feedback(r.getString("offer_uri"), r.getString("title"),
                        r.getString("author_uri"), r.getString("text"), r.getOffsetDateTime("created_at"))));
    }
}
