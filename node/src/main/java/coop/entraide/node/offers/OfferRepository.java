package coop.entraide.node.offers;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.store.SqlErrors;
import coop.entraide.protocol.offers.OfferState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Offers, their photos and the history of their states. Every method takes the client to run on. */
final class OfferRepository {

    /** A change of state as recorded: who (null for the node) and when. */
    record Transition(String from, String to, String actorUri, OffsetDateTime at) {
    }

    /** A photo to store: a local upload or a remote offer's URL. */
    record PhotoRow(Long mediaId, String url, String mediaType, String alt, String blurhash, Integer width,
            Integer height) {
    }

    Future<Long> insert(SqlClient client, UUID publicId, String uri, boolean local, long authorId, Long collectiveId,
            OfferFields fields, OffsetDateTime expiresAt, OffsetDateTime publishedAt, OffsetDateTime updatedAt,
            JsonNode document) {
        List<Object> values = new ArrayList<>(List.of(publicId, uri, local, authorId));
        values.add(collectiveId);
        values.add(expiresAt);
        values.add(publishedAt);
        values.add(updatedAt);
        values.add(document == null ? null : new JsonObject(document.toString()));
        values.addAll(fields.values());
        return client.preparedQuery("INSERT INTO offers (public_id, uri, local, author_id, collective_id, expires_at, "
                        + "published_at, updated_at, document, " + OfferFields.COLUMN_LIST + ") VALUES "
                        + "($1, $2, $3, $4, $5, $6, $7, $8, $9, " + OfferFields.placeholders(10) + ") RETURNING id")
                .execute(Tuple.from(values))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Future<Void> update(SqlClient client, long id, OfferFields fields, OffsetDateTime updatedAt, JsonNode document) {
        List<Object> values = new ArrayList<>(List.of(id, updatedAt));
        values.add(document == null ? null : new JsonObject(document.toString()));
        values.addAll(fields.values());
        return client.preparedQuery("UPDATE offers SET updated_at = $2, document = coalesce($3, document), ("
                        + OfferFields.COLUMN_LIST + ") = (" + OfferFields.placeholders(4) + ") WHERE id = $1")
                .execute(Tuple.from(values))
                .mapEmpty();
    }

    /** The document kept on the row: a remote offer as received, a local one as last published (signed). */
    Future<Optional<JsonObject>> document(SqlClient client, long id) {
        return client.preparedQuery("SELECT document FROM offers WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.<JsonObject>empty()
                        : Optional.ofNullable(rows.iterator().next().getJsonObject("document")));
    }

    Future<Optional<Offer>> find(SqlClient client, UUID publicId) {
        return one(client, "o.public_id = $1", publicId, false);
    }

    Future<Optional<Offer>> findByUri(SqlClient client, String uri) {
        return one(client, "o.uri = $1", uri, false);
    }

    /** The offer, its row locked until the transaction ends: state changes are serialised per offer. */
    Future<Optional<Offer>> lock(SqlClient client, UUID publicId) {
        return one(client, "o.public_id = $1", publicId, true);
    }

    Future<Optional<Offer>> lockByUri(SqlClient client, String uri) {
        return one(client, "o.uri = $1", uri, true);
    }

    private Future<Optional<Offer>> one(SqlClient client, String where, Object key, boolean lock) {
        return client.preparedQuery("SELECT " + Offer.COLUMNS + " FROM " + Offer.FROM + " WHERE " + where
                        + (lock ? " FOR UPDATE OF o" : ""))
                .execute(Tuple.of(key))
                .map(rows -> SqlErrors.first(rows, Offer::fromRow))
                .compose(found -> found.isEmpty() ? Future.succeededFuture(found)
                        : withPhotos(client, List.of(found.get())).map(list -> Optional.of(list.get(0))));
    }

    /** The offers with their photos loaded, in the same order. */
    Future<List<Offer>> withPhotos(SqlClient client, List<Offer> offers) {
        if (offers.isEmpty()) {
            return Future.succeededFuture(offers);
        }
        Long[] ids = offers.stream().map(Offer::id).toArray(Long[]::new);
        return client.preparedQuery("""
                        SELECT p.offer_id, p.position, m.public_id AS media_public_id, m.file_name, m.thumb_file_name,
                               p.url, coalesce(m.content_type, p.media_type) AS photo_type, p.alt,
                               coalesce(m.blurhash, p.blurhash) AS photo_blurhash,
                               coalesce(m.width, p.width) AS photo_width, coalesce(m.height, p.height) AS photo_height
                        FROM offer_photos p LEFT JOIN media m ON m.id = p.media_id
                        WHERE p.offer_id = ANY($1) ORDER BY p.offer_id, p.position""")
                .execute(Tuple.tuple().addValue(ids))
                .map(rows -> {
                    Map<Long, List<Offer.Photo>> byOffer = new HashMap<>();
                    for (Row row : rows) {
                        byOffer.computeIfAbsent(row.getLong("offer_id"), k -> new ArrayList<>()).add(Offer.Photo.fromRow(row));
                    }
                    return offers.stream().map(o -> o.withPhotos(byOffer.getOrDefault(o.id(), List.of()))).toList();
                });
    }

    Future<Void> replacePhotos(SqlClient client, long offerId, List<PhotoRow> photos) {
        Future<Void> done = client.preparedQuery("DELETE FROM offer_photos WHERE offer_id = $1")
                .execute(Tuple.of(offerId)).mapEmpty();
        for (int i = 0; i < photos.size(); i++) {
            PhotoRow p = photos.get(i);
            int position = i;
            done = done.compose(v -> client.preparedQuery("""
                            INSERT INTO offer_photos (offer_id, position, media_id, url, media_type, alt, blurhash,
                                                      width, height)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                    .execute(Tuple.from(java.util.Arrays.asList(offerId, (short) position, p.mediaId(), p.url(),
                            p.mediaType(), p.alt(), p.blurhash(), p.width(), p.height())))
                    .mapEmpty());
        }
        return done;
    }

    /** Media of {@code ownerId} by public id, as ids to attach; missing ones are absent from the map. */
    Future<Map<UUID, Long>> mediaOf(SqlClient client, long ownerId, List<UUID> publicIds) {
        if (publicIds.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return client.preparedQuery("SELECT id, public_id FROM media WHERE owner_id = $1 AND public_id = ANY($2)")
                .execute(Tuple.tuple().addValue(ownerId).addValue(publicIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Long> found = new HashMap<>();
                    rows.forEach(r -> found.put(r.getUUID("public_id"), r.getLong("id")));
                    return found;
                });
    }

    Future<Void> setState(SqlClient client, long id, OfferState state, OffsetDateTime at) {
        return client.preparedQuery("UPDATE offers SET state = $2, updated_at = $3 WHERE id = $1")
                .execute(Tuple.of(id, state.key(), at))
                .mapEmpty();
    }

    Future<Void> setBorrower(SqlClient client, long id, Long borrowerId) {
        return client.preparedQuery("UPDATE offers SET borrower_id = $2 WHERE id = $1")
                .execute(Tuple.of(id, borrowerId))
                .mapEmpty();
    }

    Future<Void> setLoanDue(SqlClient client, long id, OffsetDateTime dueAt) {
        return client.preparedQuery("UPDATE offers SET loan_due_at = $2, loan_reminder_sent_at = NULL WHERE id = $1")
                .execute(Tuple.of(id, dueAt))
                .mapEmpty();
    }

    Future<Void> markDeleted(SqlClient client, long id, OffsetDateTime at) {
        return client.preparedQuery("UPDATE offers SET deleted_at = $2 WHERE id = $1")
                .execute(Tuple.of(id, at))
                .mapEmpty();
    }

    Future<Void> recordTransition(SqlClient client, long offerId, OfferState from, OfferState to, Long actorId,
            OffsetDateTime at) {
        return client.preparedQuery("""
                        INSERT INTO offer_transitions (offer_id, from_state, to_state, actor_id, at)
                        VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(offerId, from == null ? null : from.key(), to.key(), actorId, at))
                .mapEmpty();
    }

    Future<List<Transition>> transitions(SqlClient client, long offerId) {
        return client.preparedQuery("""
                        SELECT t.from_state, t.to_state, a.uri AS actor_uri, t.at
                        FROM offer_transitions t LEFT JOIN actors a ON a.id = t.actor_id
                        WHERE t.offer_id = $1 ORDER BY t.id""")
                .execute(Tuple.of(offerId))
                .map(rows -> SqlErrors.all(rows, r -> new Transition(r.getString("from_state"), r.getString("to_state"),
                        r.getString("actor_uri"), r.getOffsetDateTime("at"))));
    }
}
